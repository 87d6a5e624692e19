package dev.linden.observability.log;

import dev.linden.core.Session;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.observability.ConnectionObserver;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.LogSettings;
import dev.linden.observability.Names;
import dev.linden.observability.OperationObserver;
import dev.linden.observability.OperationRecord;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.Modification;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.op.*;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The access log: one record per operation and its result (connection, client address and port,
 * TLS, identity, the operation and its arguments, result code, entries returned, elapsed time), and
 * one per connection opened and closed. Arguments never include a password or other secret value:
 * bind credentials are not written at all, nor are the values of added or modified attributes, nor
 * extended operations' request values; filter and compare values on secret attributes are
 * redacted. Lines in the spirit of slapd's {@code conn= op=} log, or JSON lines.
 */
public final class AccessLog implements OperationObserver, ConnectionObserver, AutoCloseable {
    private static final ThreadLocal<StringBuilder> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilder(256));

    private final LogStream stream;
    private final LogSettings.Format format;
    private final SecretAttributes secrets;

    public AccessLog(LogStream stream, SecretAttributes secrets) {
        this.stream = stream;
        this.format = stream.settings().format();
        this.secrets = secrets;
    }

    @Override
    public void completed(OperationRecord r) {
        Fields f = start();
        f.num("conn", r.session().id()).num("op", r.request().messageId());
        request(f, r.request());
        LdapResult result = r.result();
        if (result == null) {
            f.nil("err").bool("abandoned", true);
        } else {
            f.num("err", result.code().code());
            if (format == LogSettings.Format.JSON) {
                f.str("result", Names.result(result.code()));
            }
            if (!result.diagnosticMessage().isEmpty()) {
                f.str("text", result.diagnosticMessage());
            }
        }
        if (r.request().op() instanceof SearchRequest) {
            f.num("nentries", r.entries());
        }
        if (r.enforced() != DetectionSettings.Action.NONE) {
            f.word("enforced", r.enforced() == DetectionSettings.Action.BLOCK ? "block" : "throttle");
        }
        f.seconds("etime", r.nanos());
        client(f, r.session());
        f.str("authzDN", r.identity().toString());
        stream.write(f.sb.toString());
    }

    @Override
    public void opened(Session session, String listener, String localAddress, IntSupplier inFlight) {
        Fields f = start();
        f.num("conn", session.id()).verb("ACCEPT", "connect");
        client(f, session);
        f.word("listener", listener).str("local", localAddress);
        stream.write(f.sb.toString());
    }

    @Override
    public void closed(Session session) {
        Fields f = start();
        f.num("conn", session.id()).verb("CLOSED", "disconnect");
        client(f, session);
        stream.write(f.sb.toString());
    }

    @Override
    public void unbind(Session session, int messageId) {
        Fields f = start();
        f.num("conn", session.id()).num("op", messageId).verb("UNBIND", "unbind");
        client(f, session);
        f.str("authzDN", session.boundDn().toString());
        stream.write(f.sb.toString());
    }

    @Override
    public void abandon(Session session, int messageId, int idToAbandon) {
        Fields f = start();
        f.num("conn", session.id())
                .num("op", messageId)
                .verb("ABANDON", "abandon")
                .num("msgid", idToAbandon);
        client(f, session);
        stream.write(f.sb.toString());
    }

    @Override
    public void startTls(Session session, int messageId, dev.linden.protocol.ResultCode result) {
        Fields f = start();
        f.num("conn", session.id())
                .num("op", messageId)
                .verb("EXT", "extended")
                .str("oid", dev.linden.core.Oids.START_TLS)
                .str("name", "startTLS")
                .num("err", result.code());
        if (format == LogSettings.Format.JSON) {
            f.str("result", Names.result(result));
        }
        client(f, session);
        f.str("authzDN", session.boundDn().toString());
        stream.write(f.sb.toString());
    }

    private Fields start() {
        StringBuilder sb = BUFFERS.get();
        if (sb.capacity() > 16 * 1024) {
            sb = new StringBuilder(256);
            BUFFERS.set(sb);
        }
        sb.setLength(0);
        return Fields.of(format, sb);
    }

    private void client(Fields f, Session s) {
        if (format == LogSettings.Format.JSON) {
            String address = s.clientAddress();
            int colon = address.lastIndexOf(':');
            f.str("client", colon < 0 ? address : address.substring(0, colon));
            if (colon >= 0) {
                try {
                    f.num("port", Integer.parseInt(address.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    f.nil("port");
                }
            }
        } else {
            f.word("client", s.clientAddress());
        }
        f.bool("tls", s.isSecure());
    }

    /** The operation and its arguments, never a secret value. */
    private void request(Fields f, LdapMessage message) {
        switch (message.op()) {
            case BindRequest b -> {
                f.verb("BIND", "bind").str("dn", b.name());
                f.word("method", b.isSimple() ? "simple" : "sasl");
                if (!b.isSimple()) {
                    f.str("mech", b.saslMechanism());
                }
                if (b.version() != 3) {
                    f.num("version", b.version());
                }
            }
            case SearchRequest s -> {
                f.verb("SRCH", "search").str("base", s.baseDn()).word("scope", Names.scope(s.scope()));
                if (s.derefAliases() != dev.linden.protocol.DerefAliases.NEVER) {
                    f.word("deref", s.derefAliases().name().toLowerCase(java.util.Locale.ROOT));
                }
                f.str("filter", RedactedFilter.format(s.filter(), secrets));
                f.list("attrs", s.attributes().size() > 64 ? s.attributes().subList(0, 64) : s.attributes());
                if (s.sizeLimit() != 0) {
                    f.num("sizelimit", s.sizeLimit());
                }
                if (s.timeLimit() != 0) {
                    f.num("timelimit", s.timeLimit());
                }
                if (s.typesOnly()) {
                    f.bool("typesonly", true);
                }
            }
            case CompareRequest c -> {
                f.verb("CMP", "compare").str("dn", c.dn()).str("attr", c.attribute());
                f.str("value", secrets.isSecret(c.attribute()) ? RedactedFilter.REDACTED : printable(c.value()));
            }
            case AddRequest a -> {
                List<String> names = new ArrayList<>(a.attributes().size());
                for (PartialAttribute p : a.attributes()) {
                    names.add(p.type());
                }
                f.verb("ADD", "add").str("dn", a.dn()).list("attrs", names);
            }
            case DeleteRequest d -> f.verb("DEL", "delete").str("dn", d.dn());
            case ModifyRequest m -> {
                List<String> changes = new ArrayList<>(m.changes().size());
                for (Modification c : m.changes()) {
                    changes.add(c.op().name().toLowerCase(java.util.Locale.ROOT) + ":"
                            + c.attribute().type());
                }
                f.verb("MOD", "modify").str("dn", m.dn()).list("mods", changes);
            }
            case ModifyDnRequest m -> {
                f.verb("MODRDN", "modifyDn")
                        .str("dn", m.dn())
                        .str("newrdn", m.newRdn())
                        .bool("deleteoldrdn", m.deleteOldRdn());
                if (m.newSuperior() != null) {
                    f.str("newSuperior", m.newSuperior());
                }
            }
            case ExtendedRequest x ->
                f.verb("EXT", "extended").str("oid", x.oid()).str("name", Names.extended(x.oid()));
            default ->
                f.verb("OTHER", "other").str("pdu", message.op().getClass().getSimpleName());
        }
        if (!message.controls().isEmpty()) {
            List<String> oids = new ArrayList<>(message.controls().size());
            for (Control c : message.controls()) {
                oids.add(c.critical() ? c.oid() + "!" : c.oid());
            }
            f.list("ctrls", oids);
        }
    }

    private static String printable(byte[] value) {
        StringBuilder sb = new StringBuilder();
        RedactedFilter.escape(sb, value);
        return sb.toString();
    }

    @Override
    public void close() {
        stream.close();
    }
}
