package dev.linden.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS context: TLS 1.2 and 1.3 only, with forward-secret AEAD cipher suites. The
 * certificate files are checked for changes (at most every two seconds, on new connections) and
 * reloaded, so a renewed certificate takes effect without a restart; a broken replacement is
 * logged and the previous context kept.
 */
public final class TlsContext {
    private static final Logger log = LoggerFactory.getLogger(TlsContext.class);
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final long CHECK_INTERVAL_NANOS = 2_000_000_000L;

    private final TlsSettings settings;
    private volatile SslContext context;
    private volatile List<FileTime> loadedVersions;
    private volatile long lastCheck = System.nanoTime();

    public TlsContext(TlsSettings settings) throws IOException, GeneralSecurityException {
        this.settings = settings;
        this.loadedVersions = versions();
        this.context = build(settings);
    }

    /** A handler for a new connection; {@code startTls} lets the StartTLS response itself go out in clear. */
    public SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        reloadIfChanged();
        SslHandler handler = new SslHandler(context.newEngine(alloc), startTls);
        handler.setHandshakeTimeoutMillis(10_000);
        return handler;
    }

    private void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - lastCheck < CHECK_INTERVAL_NANOS) {
            return;
        }
        lastCheck = now;
        try {
            List<FileTime> current = versions();
            if (!Objects.equals(current, loadedVersions)) {
                context = build(settings);
                loadedVersions = current;
                log.info("reloaded the TLS certificate");
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.error("the changed TLS certificate cannot be loaded, keeping the previous one: {}", e.getMessage());
        }
    }

    /**
     * Why loading failed, in one line: the messages of the exception and its causes, each once
     * (Netty's say which file held no valid certificate or key, the JDK's why).
     */
    public static String reason(Throwable failure) {
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m.strip()))) {
                parts.add(m.strip());
            }
        }
        String joined = parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
        return joined.replaceAll("\\s*\\R\\s*", " ");
    }

    private List<FileTime> versions() throws IOException {
        List<FileTime> times = new ArrayList<>();
        for (Path p : files()) {
            times.add(Files.getLastModifiedTime(p));
        }
        return times;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (settings.usesKeystore()) {
            files.add(settings.keystore());
        } else {
            files.add(settings.certificate());
            files.add(settings.privateKey());
        }
        if (settings.clientCa() != null) {
            files.add(settings.clientCa());
        }
        return files;
    }

    private static SslContext build(TlsSettings s) throws IOException, GeneralSecurityException {
        SslContextBuilder builder;
        if (s.usesKeystore()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            char[] password = s.keystorePassword() == null
                    ? new char[0]
                    : s.keystorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(s.keystore())) {
                ks.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            builder = SslContextBuilder.forServer(kmf);
        } else {
            builder = SslContextBuilder.forServer(
                    s.certificate().toFile(), s.privateKey().toFile());
            KeyMatch.check(s.certificate(), s.privateKey());
        }
        builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).ciphers(CIPHERS);
        if (s.clientCa() != null) {
            builder.trustManager(s.clientCa().toFile());
        }
        builder.clientAuth(
                switch (s.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new GeneralSecurityException("TLS context: " + e.getMessage(), e);
        }
    }
}
