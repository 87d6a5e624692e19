package dev.linden.server.replication;

import dev.linden.backend.Backend;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The consumers of this server: one thread per configured source, started after the listeners and
 * stopped before the store closes.
 */
public final class Replication implements AutoCloseable {
    private final List<SyncConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ConsumerStatus> statuses = new ArrayList<>();

    private Replication() {}

    /**
     * Starts a consumer for each source; a TLS setting that cannot be loaded is an IOException naming it.
     * {@code writable}: this server takes writes from clients too (a mesh member), see {@link SyncConsumer}.
     */
    public static Replication start(List<SyncSourceSettings> sources, Backend backend, boolean writable)
            throws IOException, GeneralSecurityException {
        Replication r = new Replication();
        for (SyncSourceSettings s : sources) {
            SSLContext tls = tls(s);
            ConsumerStatus status = new ConsumerStatus(s);
            SyncConsumer consumer = new SyncConsumer(s, backend, tls, status, writable);
            Thread t = new Thread(consumer, "linden-sync-rid" + s.rid());
            t.setDaemon(true);
            r.consumers.add(consumer);
            r.threads.add(t);
            r.statuses.add(status);
        }
        r.threads.forEach(Thread::start);
        return r;
    }

    /** What each consumer is doing, in the order of the configuration. */
    public List<ConsumerStatus> statuses() {
        return List.copyOf(statuses);
    }

    private static SSLContext tls(SyncSourceSettings s) throws IOException, GeneralSecurityException {
        boolean needsTls = s.startTls() || "ldaps".equalsIgnoreCase(s.provider().getScheme());
        if (!needsTls) {
            return null;
        }
        SslContextBuilder b =
                SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2");
        if (s.caFile() != null) {
            b.trustManager(s.caFile().toFile());
        }
        if (s.clientCertificate() != null) {
            b.keyManager(s.clientCertificate().toFile(), s.clientKey().toFile());
        }
        try {
            return ((JdkSslContext) b.build()).context();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException(
                    "replication rid " + s.rid() + ": cannot load its TLS settings: " + e.getMessage(), e);
        }
    }

    /** Stops every consumer and waits for its thread (its batch in progress commits or not, whole). */
    @Override
    public void close() {
        consumers.forEach(SyncConsumer::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
