package dev.linden.server.replication;

import dev.linden.backend.Backend;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates one provider into this server's store (RFC 4533 consumer, as slapd's syncrepl): connects,
 * binds, runs a content synchronization from the cookie stored with the data, applies what comes
 * ({@link RefreshSession}), and in refreshOnly polls again after the interval; a failure waits per the
 * retry schedule and starts again from the stored cookie, so nothing is lost and nothing applied twice.
 */
final class SyncConsumer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SyncConsumer.class);
    private static final String WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";

    private final SyncSourceSettings source;
    private final Backend backend;
    private final SSLContext tls;
    private final ConsumerStatus status;
    private final boolean writable;
    private volatile boolean stopped;
    private volatile LdapLink current;

    /** @param writable whether this server takes writes from clients too (a member of a mesh) */
    SyncConsumer(SyncSourceSettings source, Backend backend, SSLContext tls, ConsumerStatus status, boolean writable) {
        this.writable = writable;
        this.source = source;
        this.backend = backend;
        this.tls = tls;
        this.status = status;
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopped) {
            status.state(ConsumerStatus.State.CONNECTING);
            try (LdapLink link =
                    LdapLink.open(source.provider(), source.startTls(), tls, source.timeoutSeconds() * 1000)) {
                current = link;
                link.bind(source.bindDn(), source.password(), source.external());
                failures = 0;
                synchronize(link);
            } catch (IOException | LdapException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                status.failed(why);
                log.warn(
                        "replication from {} (rid {}): {}; retrying in {} s",
                        source.provider(),
                        source.rid(),
                        why,
                        source.retryAfter(failures));
                status.state(ConsumerStatus.State.WAITING_TO_RETRY);
                pause(source.retryAfter(failures++) * 1000L);
            } finally {
                current = null;
            }
        }
        status.state(ConsumerStatus.State.STOPPED);
    }

    /** Runs synchronizations on one connection until it fails, the consumer stops, or (persist) the provider ends it. */
    private void synchronize(LdapLink link) throws IOException, LdapException {
        boolean reload = false;
        while (!stopped) {
            byte[] cookie = reload ? null : backend.syncCookie(source.cookieKey());
            SyncMode mode = source.persist() ? SyncMode.REFRESH_AND_PERSIST : SyncMode.REFRESH_ONLY;
            int id = link.send(
                    request(), List.of(new SyncRequestControl(mode, requestCookie(cookie), true).encode(true)));
            status.state(ConsumerStatus.State.REFRESHING);
            RefreshSession session = new RefreshSession(source, backend, status, cookie == null, writable);
            LdapResult done = follow(link, id, session);
            if (done.code() == ResultCode.E_SYNC_REFRESH_REQUIRED) {
                log.info(
                        "replication from {} (rid {}): the provider asks for a full refresh",
                        source.provider(),
                        source.rid());
                reload = true;
                continue;
            }
            if (done.code() != ResultCode.SUCCESS) {
                throw new IOException(
                        "the synchronization ended with " + done.code().name().toLowerCase()
                                + (done.diagnosticMessage().isEmpty() ? "" : ": " + done.diagnosticMessage()));
            }
            reload = false;
            if (source.persist()) {
                continue; // the provider ended the persist stage: synchronize again
            }
            status.state(ConsumerStatus.State.POLLING);
            pause(source.intervalSeconds() * 1000L);
        }
    }

    /**
     * The cookie to send: the stored state, with this server's ID when it is a writable member of a
     * mesh (so the provider never sends back the changes that started here); a read-only replica
     * originates nothing and sends none, so it may share an ID with its provider.
     */
    private byte[] requestCookie(byte[] stored) {
        dev.linden.model.sync.SyncCookie c = dev.linden.model.sync.SyncCookie.EMPTY.withRid(source.rid());
        if (stored != null) {
            try {
                c = dev.linden.model.sync.SyncCookie.parse(stored).withRid(source.rid());
            } catch (dev.linden.model.sync.SyncSyntaxException e) {
                // damaged: a full refresh
            }
        }
        return (writable ? c.withSid(backend.serverId()) : c).toBytes();
    }

    /** Reads the synchronization's messages until its final response, handing them to the session. */
    private LdapResult follow(LdapLink link, int id, RefreshSession session) throws IOException, LdapException {
        boolean probing = false;
        long counted = link.bytesIn();
        while (!stopped) {
            LdapMessage m;
            try {
                // a refresh must keep coming; a quiet persist stage is checked after the same silence
                link.readTimeout(source.timeoutSeconds() * 1000);
                m = link.read();
            } catch (SocketTimeoutException e) {
                if (session.refreshing() || probing) {
                    throw new IOException("no answer from the provider for "
                            + (session.refreshing() ? 1 : 2) * source.timeoutSeconds() + " s");
                }
                link.send(new ExtendedRequest(WHO_AM_I, null), List.of()); // is anyone there?
                probing = true;
                continue;
            }
            probing = false;
            status.received(link.bytesIn() - counted);
            counted = link.bytesIn();
            if (m.messageId() != id) {
                continue; // the liveness probe's answer
            }
            if (m.op() instanceof SearchResultDone d) {
                SyncDoneControl done = null;
                for (Control c : m.controls()) {
                    if (c.oid().equals(SyncDoneControl.OID)) {
                        done = decode(c);
                    }
                }
                if (d.result().code() == ResultCode.SUCCESS) {
                    session.done(done);
                }
                return d.result();
            }
            session.message(m, !link.hasBuffered());
        }
        return new LdapResult(ResultCode.SUCCESS, "", "", List.of());
    }

    private static SyncDoneControl decode(Control c) throws IOException {
        try {
            return SyncDoneControl.decode(c);
        } catch (dev.linden.protocol.ber.BerException e) {
            throw new IOException("malformed Sync Done control: " + e.getMessage());
        }
    }

    private SearchRequest request() throws IOException {
        try {
            return new SearchRequest(
                    source.base(),
                    source.scope(),
                    DerefAliases.NEVER,
                    0,
                    0,
                    false,
                    FilterText.parse(source.filter()),
                    withState(source.attributes()));
        } catch (FilterSyntaxException e) {
            throw new IOException("replication filter " + source.filter() + ": " + e.getMessage());
        }
    }

    /**
     * The attributes asked for, and lindenCsnState (never sent for "+"): a Linden provider that lets the
     * replicator read it sends each entry's change state, so that concurrent changes merge value by
     * value; other providers do not know it and ignore it.
     */
    private static List<String> withState(List<String> attributes) {
        if (attributes.stream().anyMatch(a -> a.equalsIgnoreCase("lindenCsnState"))) {
            return attributes;
        }
        List<String> out = new java.util.ArrayList<>(attributes);
        out.add("lindenCsnState");
        return out;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Stops after the current batch: the connection is closed, the thread ends. */
    void stop() {
        stopped = true;
        LdapLink link = current;
        if (link != null) {
            link.close();
        }
    }
}
