package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server started from flags alone can be logged into: it makes a self-signed certificate in its
 * data folder, prints the certificate's path and SHA-256 fingerprint, and prints an ldapwhoami line
 * that works as printed (StartTLS, trusting that certificate, asking for the password at the
 * terminal), run here through a pseudo-terminal by OpenLDAP's own ldapwhoami.
 */
class FirstLoginIT {
    private static final String PASSWORD = "First-login-1";

    @BeforeAll
    static void build() throws Exception {
        Launcher.ensureBuilt();
    }

    @Test
    void aServerStartedFromFlagsPrintsALoginLineThatWorksAsPrinted() throws Exception {
        Path dir = TestServer.tempDir("linden-first");
        int port = Launcher.freePort();
        String[] args = {
            "serve",
            "--suffix",
            "dc=corp,dc=com",
            "--port",
            Integer.toString(port),
            "--data",
            "corp-data",
            "--admin-password",
            PASSWORD
        };
        Path cert = dir.resolve("corp-data/tls/cert.pem");
        String fingerprint;
        try (Launcher.Running server = Launcher.start(dir, args).awaitReady()) {
            String banner = server.output();
            assertThat(banner).doesNotContain(PASSWORD).doesNotContain("WARNING:");
            assertThat(server.line("certificate"))
                    .isEqualTo("certificate " + cert + " (self-signed, made on first start)");
            fingerprint = server.line("SHA-256 fingerprint").substring("SHA-256 fingerprint ".length());
            assertThat(fingerprint).isEqualTo(opensslFingerprint(cert));
            String login = server.line("LDAPTLS_CACERT=");
            assertThat(login)
                    .isEqualTo("LDAPTLS_CACERT=" + cert + " ldapwhoami -x -ZZ -H ldap://localhost:" + port
                            + " -D cn=admin,dc=corp,dc=com -W");
            Launcher.Result right = Launcher.inTerminal(dir, login, PASSWORD);
            assertThat(right.exit()).as(right.output()).isZero();
            assertThat(right.output()).contains("dn:cn=admin,dc=corp,dc=com");
            Launcher.Result wrong = Launcher.inTerminal(dir, login, "not-the-password");
            assertThat(wrong.exit()).as(wrong.output()).isEqualTo(49);
            // without TLS the same bind is refused: the certificate is what makes the login possible
            var plain = OpenLdapToolsIT.run(
                    null,
                    "ldapwhoami",
                    "-x",
                    "-H",
                    "ldap://localhost:" + port,
                    "-D",
                    "cn=admin,dc=corp,dc=com",
                    "-w",
                    PASSWORD);
            assertThat(plain.exit()).isEqualTo(13);
        }
        try (Launcher.Running again = Launcher.start(dir, args).awaitReady()) {
            assertThat(again.line("SHA-256 fingerprint"))
                    .as("the certificate is kept across restarts")
                    .isEqualTo("SHA-256 fingerprint " + fingerprint);
        }
    }

    @Test
    void aConfigurationThatNamesItsOwnCertificateKeepsIt() throws Exception {
        Path dir = TestServer.tempDir("linden-own");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        // libldap checks the name it resolves localhost to (this machine's name) as well
        var local = java.net.InetAddress.getLocalHost();
        String names =
                "DNS:localhost,DNS:" + local.getHostName() + ",DNS:" + local.getCanonicalHostName() + ",IP:127.0.0.1";
        var openssl = OpenLdapToolsIT.run(
                null,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=" + names,
                "-keyout",
                key.toString(),
                "-out",
                cert.toString());
        assertThat(openssl.exit()).as(openssl.err()).isZero();
        int port = Launcher.freePort();
        Path config = dir.resolve("linden.yaml");
        Files.writeString(config, """
                listen: {port: %d, ldapsPort: -1}
                suffix: dc=corp,dc=com
                rootPassword: %s
                dataDir: corp-data
                tls: {certificate: %s, privateKey: %s}
                """.formatted(port, PASSWORD, cert, key));
        try (Launcher.Running server =
                Launcher.start(dir, "serve", "--config", config.toString()).awaitReady()) {
            assertThat(server.line("certificate")).isEqualTo("certificate " + cert);
            assertThat(server.line("SHA-256 fingerprint")).isEqualTo("SHA-256 fingerprint " + opensslFingerprint(cert));
            String login = server.line("ldapwhoami");
            assertThat(login)
                    .isEqualTo("ldapwhoami -x -ZZ -H ldap://localhost:" + port + " -D cn=admin,dc=corp,dc=com -W");
            // clients trust the certificate's issuer; here it is its own
            Launcher.Result r = Launcher.inTerminal(dir, "LDAPTLS_CACERT=" + cert + " " + login, PASSWORD);
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).contains("dn:cn=admin,dc=corp,dc=com");
        }
        assertThat(dir.resolve("corp-data/tls"))
                .as("no certificate made beside the configured one")
                .doesNotExist();
    }

    @Test
    void withTlsTurnedOffTheLineBindsFromThisMachine() throws Exception {
        Path dir = TestServer.tempDir("linden-notls");
        int port = Launcher.freePort();
        Path config = dir.resolve("linden.yaml");
        Files.writeString(config, """
                listen: {port: %d}
                suffix: dc=corp,dc=com
                rootDn: cn=Directory Manager,dc=corp,dc=com
                rootPassword: %s
                dataDir: corp-data
                tls: {enabled: false}
                security: {loopbackExempt: true}
                """.formatted(port, PASSWORD));
        try (Launcher.Running server =
                Launcher.start(dir, "serve", "--config", config.toString()).awaitReady()) {
            assertThat(server.line("TLS")).isEqualTo("TLS         off (tls.enabled: false)");
            String login = server.line("ldapwhoami");
            assertThat(login)
                    .isEqualTo("ldapwhoami -x -H ldap://127.0.0.1:" + port
                            + " -D 'cn=Directory Manager,dc=corp,dc=com' -W");
            Launcher.Result r = Launcher.inTerminal(dir, login, PASSWORD);
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(r.output()).containsIgnoringCase("dn:cn=Directory Manager,dc=corp,dc=com");
        }
    }

    /** The fingerprint as OpenLDAP's neighbour, openssl, computes it: "sha256 Fingerprint=AB:CD:...". */
    static String opensslFingerprint(Path cert) throws Exception {
        var r = OpenLdapToolsIT.run(
                null, "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().strip().replaceFirst("(?i)^sha256 fingerprint=", "");
    }
}
