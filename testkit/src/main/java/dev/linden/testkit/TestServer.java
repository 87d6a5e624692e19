package dev.linden.testkit;

import dev.linden.backend.Backend;
import dev.linden.core.operation.EntryImport;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.server.Linden;
import dev.linden.server.config.ConfigException;
import dev.linden.server.config.ConfigLoader;
import dev.linden.server.config.Settings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Linden server on a free loopback port, for tests: in memory by default, or on LMDB in a
 * temporary folder. The suffix is dc=example,dc=com; the administrator is cn=admin,dc=example,dc=com
 * with password {@link #ADMIN_PASSWORD}.
 *
 * <p>Unless a test configures it itself, the test server (not the product's defaults) does not
 * throttle binds ({@code throttle: {enabled: false}}): every test connects from 127.0.0.1, and tests
 * (the differential suite above all) bind wrongly on purpose.
 * For the same reason there is no attack detection ({@code detection: {enabled: false}}) and no
 * metrics listener; the access and security logs go to a temporary folder ({@link #logDir()}). Nor is
 * there TLS ({@code tls: {enabled: false}}, rather than a certificate made in the data folder) unless
 * the test asks for it, e.g. through {@link #memoryWithTls}.
 */
public final class TestServer implements AutoCloseable {
    public static final String SUFFIX = "dc=example,dc=com";
    public static final String ADMIN_DN = "cn=admin,dc=example,dc=com";
    public static final String ADMIN_PASSWORD = "admin-secret";

    private static final java.util.regex.Pattern TLS_SECTION = java.util.regex.Pattern.compile("(?m)^tls:");

    private final Linden linden;
    private final Path dataDir;
    private final Path logDir;

    private TestServer(Linden linden, Path dataDir, Path logDir) {
        this.linden = linden;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    /** An in-memory server; {@code extraYaml} adds configuration lines (limits, indexes...). */
    public static TestServer memory(String extraYaml) {
        return start("storage: memory\n" + extraYaml, null);
    }

    public static TestServer memory() {
        return memory("");
    }

    /** A server on LMDB in {@code dataDir} (created if needed), so tests can restart it on the same data. */
    public static TestServer lmdb(Path dataDir, String extraYaml) {
        return start("storage: lmdb\ndataDir: " + dataDir + "\nmapSizeMb: 256\n" + extraYaml, dataDir);
    }

    /**
     * An in-memory server with TLS: a self-signed certificate (see {@link #certificate()}), LDAPS on
     * a free port and StartTLS on the plain one. {@code extraYaml} may set {@code security:}.
     */
    public static TestServer memoryWithTls(String extraYaml) {
        return memoryWithTls("", extraYaml);
    }

    /**
     * As {@link #memoryWithTls(String)}, with more keys in the {@code tls:} section, such as
     * {@code "clientAuth: optional, clientCa: /path/ca.pem"}.
     */
    public static TestServer memoryWithTls(String tlsOptions, String extraYaml) {
        Path dir = tempDir("linden-tls");
        String tls = tlsOptions.isBlank() ? "" : ", " + tlsOptions;
        return start(
                "storage: memory\ndataDir: " + dir + "\ntls: {selfSigned: true" + tls + "}\n" + extraYaml, dir, true);
    }

    /**
     * An in-memory server whose LDAP listener takes a given port on 127.0.0.1, for clients that cannot
     * be told another port than 389 (adcli).
     */
    public static TestServer memoryOnPort(int port, String extraYaml) {
        return start("storage: memory\n" + extraYaml, null, false, port);
    }

    private static TestServer start(String yaml, Path dataDir) {
        return start(yaml, dataDir, false);
    }

    private static TestServer start(String yaml, Path dataDir, boolean ldaps) {
        return start(yaml, dataDir, ldaps, 0);
    }

    private static TestServer start(String yaml, Path dataDir, boolean ldaps, int port) {
        String security = yaml.contains("security:") ? "" : "security: {loopbackExempt: true}\n";
        security += yaml.contains("throttle:") ? "" : "throttle: {enabled: false}\n";
        Path logDir = tempDir("linden-logs");
        security += yaml.contains("accessLog:") ? "" : "accessLog: {file: " + logDir.resolve("access.log") + "}\n";
        security +=
                yaml.contains("securityLog:") ? "" : "securityLog: {file: " + logDir.resolve("security.log") + "}\n";
        security += yaml.contains("metrics:") ? "" : "metrics: {enabled: false}\n";
        security += yaml.contains("detection:") ? "" : "detection: {enabled: false}\n";
        security += TLS_SECTION.matcher(yaml).find() ? "" : "tls: {enabled: false}\n";
        String config =
                """
                listen: {host: 127.0.0.1, port: %d%s}
                suffix: %s
                rootDn: %s
                rootPassword: %s
                passwordScheme: SSHA256
                """.formatted(port, ldaps ? ", ldapsPort: 0" : "", SUFFIX, ADMIN_DN, ADMIN_PASSWORD) + security + yaml;
        try {
            Settings settings = ConfigLoader.parse(config, "test");
            return new TestServer(Linden.start(settings), dataDir, logDir);
        } catch (ConfigException | InterruptedException e) {
            throw new IllegalStateException("test server did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return linden.port();
    }

    public String url() {
        return "ldap://127.0.0.1:" + port();
    }

    public int ldapsPort() {
        return linden.ldapsPort();
    }

    /** The CLDAP (UDP) port, or -1 when {@code cldap.enabled} is not set. */
    public int cldapPort() {
        return linden.cldapPort();
    }

    /** The server's self-signed certificate (PEM), for clients to trust. */
    public Path certificate() {
        return dataDir.resolve("tls").resolve("cert.pem");
    }

    /** The server itself, for what tests read beyond the protocol (its directory's state, its consumers). */
    public Linden linden() {
        return linden;
    }

    public Backend backend() {
        return linden.backend();
    }

    /** The server's counters of failed binds, lockouts and throttling. */
    public dev.linden.core.throttle.SecurityCounters.Snapshot securityCounters() {
        return linden.securityCounters();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The folder of the access and security logs, unless the test configured their files itself. */
    public Path logDir() {
        return logDir;
    }

    /** The Prometheus endpoint's port (-1 when metrics are off, as by default here). */
    public int metricsPort() {
        return linden.observability().metricsPort();
    }

    public dev.linden.observability.Observability observability() {
        return linden.observability();
    }

    /** Loads entries written as LDIF lines, through the same checks as an import. */
    public TestServer load(String... ldifLines) {
        return loadLdif(String.join("\n", ldifLines));
    }

    public TestServer loadLdif(String ldif) {
        try (LdifReader reader = new LdifReader(new StringReader(ldif), "test LDIF")) {
            EntryImport importer = new EntryImport(linden.directory(), true);
            List<Entry> entries = new ArrayList<>();
            LdifRecord record;
            while ((record = reader.next()) != null) {
                entries.add(importer.entry(record, linden.directory().config().rootDn()));
            }
            linden.backend().addAll(entries);
            return this;
        } catch (IOException | LdapException | dev.linden.model.ldif.LdifException e) {
            throw new IllegalStateException("test data did not load: " + e.getMessage(), e);
        }
    }

    public TestServer loadResource(String name) {
        try (var in = TestServer.class.getResourceAsStream(name)) {
            return loadLdif(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            linden.close();
        }
    }

    private boolean closed;
}
