package dev.linden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.server.config.Settings;
import dev.linden.server.tls.CertificateInfo;
import dev.linden.server.tls.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login line of the start banner: a command that works when pasted into a shell, over StartTLS,
 * trusting the self-signed certificate by file and reaching the server by a name that certificate is
 * valid for. (The banner itself, printed by a running server and typed into a terminal, is ReadmeIT's
 * and Launcher's.)
 */
class StartBannerTest {
    @TempDir
    Path folder;

    /** The settings {@code linden serve} makes of these flags (and configuration file, when given). */
    private Settings settings(Path config, String host, Path data) throws Exception {
        ServerOptions options = new ServerOptions();
        options.config = config;
        options.host = host;
        options.data = data;
        options.suffix = config == null ? "dc=example,dc=com" : null;
        options.adminPassword = "S3cret!";
        return options.settings();
    }

    @Test
    void aServerFromFlagsIsLoggedIntoOverStartTlsTrustingItsOwnCertificate() throws Exception {
        Path data = folder.resolve("data");
        Settings s = settings(null, null, data);
        assertThat(StartBanner.loginCommand(s, 3389, null))
                .isEqualTo("LDAPTLS_CACERT="
                        + data.resolve("tls/cert.pem").toAbsolutePath() + " ldapwhoami -x -ZZ -H ldap://localhost:3389"
                        + " -D cn=admin,dc=example,dc=com -W");
    }

    @Test
    void aServerOnOneAddressIsReachedAtIt() throws Exception {
        assertThat(StartBanner.loginCommand(settings(null, "10.1.2.3", folder), 389, null))
                .contains(" -H ldap://10.1.2.3:389 ");
        assertThat(StartBanner.loginCommand(settings(null, "2001:db8::1", folder), 389, null))
                .contains(" -H ldap://[2001:db8::1]:389 ");
    }

    @Test
    void wordsTheShellWouldSplitAreQuoted() throws Exception {
        Path data = folder.resolve("my data");
        Path config = folder.resolve("linden.yaml");
        Files.writeString(config, "suffix: dc=example,dc=com\nrootDn: cn=Directory Manager,dc=example,dc=com\n");
        String login = StartBanner.loginCommand(settings(config, null, data), 389, null);
        assertThat(login)
                .startsWith("LDAPTLS_CACERT='" + data.resolve("tls/cert.pem").toAbsolutePath() + "' ")
                .endsWith(" -D 'cn=Directory Manager,dc=example,dc=com' -W");
        assertThat(ShellWord.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellWord.quote("cn=admin,dc=example,dc=com")).isEqualTo("cn=admin,dc=example,dc=com");
    }

    @Test
    void aCertificateFromACaIsTrustedAsTheSystemTrustsItAndNamesTheHost() throws Exception {
        SelfSignedCertificate.PemFiles pem = SelfSignedCertificate.ensure(folder.resolve("pki"));
        Path config = folder.resolve("linden.yaml");
        Files.writeString(
                config,
                "suffix: dc=example,dc=com\ntls: {certificate: " + pem.certificate() + ", privateKey: "
                        + pem.privateKey() + "}\n");
        String login = StartBanner.loginCommand(
                settings(config, null, folder.resolve("data")), 389, new CertificateInfo("AB:CD", "ldap.example.com"));
        assertThat(login)
                .isEqualTo("ldapwhoami -x -ZZ -H ldap://ldap.example.com:389 -D cn=admin,dc=example,dc=com -W");
    }

    @Test
    void withoutTlsThePlainBindIsFromThisMachine() throws Exception {
        Path config = folder.resolve("linden.yaml");
        Files.writeString(
                config, "suffix: dc=example,dc=com\ntls: {enabled: false}\nsecurity: {loopbackExempt: true}\n");
        assertThat(StartBanner.loginCommand(settings(config, null, folder.resolve("data")), 3389, null))
                .isEqualTo("ldapwhoami -x -H ldap://127.0.0.1:3389 -D cn=admin,dc=example,dc=com -W");
    }
}
