package dev.linden.server;

import com.unboundid.asn1.ASN1Element;
import com.unboundid.asn1.ASN1Exception;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ProtocolOp;
import com.unboundid.ldap.sdk.LDAPException;
import dev.linden.backend.Backend;
import dev.linden.backend.BackendConfig;
import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.Dispatcher;
import dev.linden.core.SearchLimits;
import dev.linden.core.SecurityRules;
import dev.linden.core.acl.AccessRules;
import dev.linden.core.groups.GroupSettings;
import dev.linden.core.operation.EntryImport;
import dev.linden.core.ppolicy.Policy;
import dev.linden.core.sasl.SaslConfig;
import dev.linden.core.throttle.ThrottleSettings;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import dev.linden.observability.ConnectionObserver;
import dev.linden.server.tls.TlsContext;
import dev.linden.storage.memory.MemoryStorage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pipeline tier of the tests: one connection through the real {@link LdapChannelInitializer}
 * (limiter, frame decoder, request gate, codec, request handler) and the real Dispatcher over the
 * in-memory store, on Netty's EmbeddedChannel, so a test decides exactly which bytes arrive in which
 * read. Operations do not run on threads: they wait until the test runs them ({@link #runOperations}),
 * so requests can be outstanding at a chosen moment and every run is the same. Requests are written
 * and responses read with the UnboundID SDK's protocol classes, a codec nobody here wrote.
 */
final class EmbeddedPipeline implements AutoCloseable {
    static final String SUFFIX = "dc=example,dc=com";
    static final String ADMIN = "cn=admin,dc=example,dc=com";
    static final String ADMIN_PASSWORD = "admin-secret";
    static final int MAX_PDU = 64 * 1024;
    static final int MAX_PDU_ANONYMOUS = 1024;

    final EmbeddedChannel channel;
    private final DeferredWorkers workers = new DeferredWorkers();
    private final ByteArrayOutputStream unread = new ByteArrayOutputStream();

    /** The worker pool, except that operations wait in a queue until the test runs them on its own thread. */
    static final class DeferredWorkers extends WorkerPool {
        private final ArrayDeque<Runnable> queued = new ArrayDeque<>();

        DeferredWorkers() {
            super(1);
        }

        @Override
        public void execute(Runnable operation) {
            queued.add(operation);
        }

        int queued() {
            return queued.size();
        }

        void runAll() {
            for (Runnable r; (r = queued.poll()) != null; ) {
                r.run();
            }
        }
    }

    /** An EmbeddedChannel whose peer is on this machine, as a client over loopback would be. */
    private static final class LoopbackChannel extends EmbeddedChannel {
        private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

        LoopbackChannel(LdapChannelInitializer initializer) {
            super(initializer);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? PEER : null;
        }
    }

    EmbeddedPipeline(int maxOutstanding, TlsContext tls) throws Exception {
        Limits limits = new Limits(MAX_PDU, MAX_PDU_ANONYMOUS, 0, 100, 1, 100, maxOutstanding, 64 * 1024, 0);
        Transport transport = new Transport(limits, workers);
        ConnectionLimiter limiter =
                new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(), transport.idle());
        channel = new LoopbackChannel(new LdapChannelInitializer(
                new Dispatcher(directory()), ConnectionObserver.NONE, transport, limiter, tls, false));
    }

    EmbeddedPipeline() throws Exception {
        this(64, null);
    }

    private static Directory directory() throws Exception {
        Schema schema = Schema.standard();
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
                new SecurityRules(true, false, true, true),
                AccessRules.build(AccessRules.defaults(null, false), schema),
                SaslConfig.DEFAULT,
                Policy.DEFAULT,
                ThrottleSettings.DISABLED,
                GroupSettings.DEFAULT,
                SearchLimits.ANONYMOUS_DEFAULT,
                java.util.Set.of());
        Directory directory = new Directory(backend, schema, core, PasswordSchemes.standard(), Clock.systemUTC());
        EntryImport importer = new EntryImport(directory, true);
        List<Entry> entries = new ArrayList<>();
        for (LdifRecord r : LdifReader.parse("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                dn: uid=alice,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: alice
                cn: Alice
                sn: A
                userPassword: alice-password
                """)) {
            entries.add(importer.entry(r, core.rootDn()));
        }
        backend.addAll(entries);
        return directory;
    }

    /** One request's bytes, as a client sends them. */
    static byte[] pdu(int messageId, ProtocolOp op) {
        return new LDAPMessage(messageId, op).encode().encode();
    }

    /** One request's bytes, with controls. */
    static byte[] pdu(int messageId, List<com.unboundid.ldap.sdk.Control> controls, ProtocolOp op) {
        return new LDAPMessage(messageId, op, controls).encode().encode();
    }

    /** The bytes arrive in these reads, one after the other; the operations they start wait to be run. */
    void receive(byte[]... reads) {
        for (byte[] read : reads) {
            channel.writeInbound(Unpooled.wrappedBuffer(read));
        }
    }

    /** Runs the operations waiting for a worker, and what they leave for the network thread, until none is left. */
    void runOperations() {
        do {
            workers.runAll();
            channel.runPendingTasks();
        } while (workers.queued() > 0);
    }

    /** {@link #receive} then {@link #runOperations}, then what the server sent back meanwhile. */
    List<LDAPMessage> exchange(byte[]... reads) {
        receive(reads);
        runOperations();
        return responses();
    }

    /** Operations started and not yet run. */
    int waitingOperations() {
        return workers.queued();
    }

    /** Everything the server sent since the last call, taken off the channel as raw buffers (for TLS). */
    List<ByteBuf> sent() {
        List<ByteBuf> out = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            out.add((ByteBuf) o);
        }
        return out;
    }

    /** The LDAP messages the server sent in clear since the last call. */
    List<LDAPMessage> responses() {
        for (ByteBuf b : sent()) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            unread.writeBytes(bytes);
        }
        return decode(unread);
    }

    /** The whole messages in {@code bytes}, which keeps what is left of a message cut short. */
    static List<LDAPMessage> decode(ByteArrayOutputStream bytes) {
        List<LDAPMessage> messages = new ArrayList<>();
        byte[] all = bytes.toByteArray();
        int at = 0;
        for (int length; (length = wholeElement(all, at)) > 0; at += length) {
            try {
                messages.add(LDAPMessage.decode(ASN1Element.decode(Arrays.copyOfRange(all, at, at + length))));
            } catch (ASN1Exception | LDAPException e) {
                throw new AssertionError("the server sent a message UnboundID cannot read: " + e.getMessage(), e);
            }
        }
        bytes.reset();
        bytes.write(all, at, all.length - at);
        return messages;
    }

    /** The length of the BER element at {@code at} with its header, or 0 when it has not all arrived. */
    private static int wholeElement(byte[] b, int at) {
        if (at + 2 > b.length) {
            return 0;
        }
        int first = b[at + 1] & 0xFF;
        int header = 2;
        long length = first;
        if (first >= 0x80) {
            header += first & 0x7F;
            if (at + header > b.length) {
                return 0;
            }
            length = 0;
            for (int i = at + 2; i < at + header; i++) {
                length = length << 8 | (b[i] & 0xFF);
            }
        }
        return at + header + length <= b.length ? (int) (header + length) : 0;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        workers.shutdownNow();
    }
}
