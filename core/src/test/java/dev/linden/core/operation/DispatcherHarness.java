package dev.linden.core.operation;

import dev.linden.backend.Backend;
import dev.linden.backend.BackendConfig;
import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.Dispatcher;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.SearchLimits;
import dev.linden.core.SecurityRules;
import dev.linden.core.Session;
import dev.linden.core.acl.AccessRules;
import dev.linden.core.groups.GroupSettings;
import dev.linden.core.ppolicy.Policy;
import dev.linden.core.sasl.SaslConfig;
import dev.linden.core.throttle.ThrottleSettings;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.op.ProtocolOp;
import dev.linden.protocol.op.ResultResponse;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.storage.memory.MemoryStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operation tier of the tests: the real Dispatcher, operations, access control and backend over
 * the in-memory store, driven with protocol records — no sockets, no threads, milliseconds a test.
 * Every message the dispatcher hands back goes through the real encoder and decoder, so what a test
 * sees is what a client would have read.
 */
final class DispatcherHarness {
    static final String SUFFIX = "dc=example,dc=com";
    static final String ADMIN = "cn=admin,dc=example,dc=com";
    static final String ADMIN_PASSWORD = "admin-secret";

    final Schema schema = Schema.standard();
    final Directory directory;
    final Dispatcher dispatcher;
    private final AtomicInteger messageIds = new AtomicInteger();
    private final AtomicInteger sessionIds = new AtomicInteger();

    /** What one request got back: the final response, and the entries sent before it. */
    record Reply(LdapMessage done, List<SearchResultEntry> entries) {
        LdapResult result() {
            return ((ResultResponse) done.op()).result();
        }

        List<String> dns() {
            return entries.stream().map(SearchResultEntry::dn).toList();
        }
    }

    DispatcherHarness(Policy policy, String ldif) throws Exception {
        this(policy, new SecurityRules(true, false, true, true), ldif, dev.linden.core.ExtensionSettings.DEFAULT);
    }

    DispatcherHarness(Policy policy, SecurityRules security, String ldif) throws Exception {
        this(policy, security, ldif, dev.linden.core.ExtensionSettings.DEFAULT);
    }

    DispatcherHarness(Policy policy, String ldif, dev.linden.core.ExtensionSettings extensions) throws Exception {
        this(policy, new SecurityRules(true, false, true, true), ldif, extensions);
    }

    DispatcherHarness(Policy policy, SecurityRules security, String ldif, dev.linden.core.ExtensionSettings extensions)
            throws Exception {
        Backend backend = new Backend(
                new MemoryStorage(),
                schema,
                new BackendConfig(List.of(DnSyntax.parse(SUFFIX, schema)), BackendConfig.defaultIndexes(), 1000));
        CoreConfig core = new CoreConfig(
                DnSyntax.parse(ADMIN, schema),
                ADMIN_PASSWORD,
                500,
                3600,
                false,
                "SSHA256",
                "test",
                security,
                AccessRules.build(AccessRules.defaults("cn=admins,ou=groups," + SUFFIX, false), schema),
                SaslConfig.DEFAULT,
                policy,
                ThrottleSettings.DISABLED,
                GroupSettings.DEFAULT,
                SearchLimits.ANONYMOUS_DEFAULT,
                java.util.Set.of());
        directory = new Directory(backend, schema, core, PasswordSchemes.standard(), Clock.systemUTC(), extensions);
        EntryImport importer = new EntryImport(directory, true);
        List<Entry> entries = new ArrayList<>();
        for (LdifRecord r : LdifReader.parse(ldif)) {
            entries.add(importer.entry(r, core.rootDn()));
        }
        backend.addAll(entries);
        dispatcher = new Dispatcher(directory);
    }

    /** A new connection from this machine (so plain binds are allowed, as over loopback). */
    Session connect() {
        return new Session(sessionIds.incrementAndGet(), "127.0.0.1:40000", true);
    }

    Reply send(Session session, ProtocolOp op, Control... controls) {
        List<SearchResultEntry> entries = new ArrayList<>();
        LdapMessage request = roundTrip(new LdapMessage(messageIds.incrementAndGet(), op, List.of(controls)));
        Response response = dispatcher.dispatch(new OperationContext(
                session,
                request,
                m -> {
                    if (roundTrip(m).op() instanceof SearchResultEntry e) {
                        entries.add(e);
                    }
                },
                new AtomicBoolean()));
        LdapMessage done = roundTrip(new LdapMessage(request.messageId(), response.op(), response.controls()));
        return new Reply(done, entries);
    }

    /** Every message a request got back, in order, the final response last. */
    List<LdapMessage> sendAll(Session session, ProtocolOp op, Control... controls) {
        List<LdapMessage> all = new ArrayList<>();
        LdapMessage request = roundTrip(new LdapMessage(messageIds.incrementAndGet(), op, List.of(controls)));
        Response response = dispatcher.dispatch(
                new OperationContext(session, request, m -> all.add(roundTrip(m)), new AtomicBoolean()));
        if (response != null) {
            all.add(roundTrip(new LdapMessage(request.messageId(), response.op(), response.controls())));
        }
        return all;
    }

    private static LdapMessage roundTrip(LdapMessage m) {
        try {
            return LdapDecoder.decode(LdapEncoder.encode(m));
        } catch (dev.linden.protocol.ber.BerException e) {
            throw new AssertionError("the server produced a PDU it cannot decode: " + e.getMessage(), e);
        }
    }
}
