package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot work ends with one line that names the problem and the fix, a non-zero exit
 * status and no stack trace: run through the real launcher, as an operator runs it. Ports below
 * 1024 and unreadable folders are tried as the user nobody (the tests run as root).
 */
class StartupFailuresIT {
    @BeforeAll
    static void build() throws Exception {
        Launcher.ensureBuilt();
    }

    /** The output is the error line alone: no stack trace, no warning, no banner. */
    static String oneLine(Launcher.Result r) {
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.lines()).as("one line, not:\n" + r.output()).hasSize(1);
        assertThat(r.output())
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("WARNING:");
        return r.lines().get(0);
    }

    static String[] serve(Path data, int port, String... more) {
        String[] base = {
            "serve",
            "--suffix",
            "dc=corp,dc=com",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--data",
            data.toString(),
            "--admin-password",
            "Start-up-1"
        };
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void anLdapPortInUseNamesThePortAndTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path data = TestServer.tempDir("linden-port");
            String line = oneLine(Launcher.run(data, serve(data, taken.getLocalPort())));
            assertThat(line)
                    .isEqualTo("linden serve: cannot listen for LDAP on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is in use by another program (another Linden or slapd?): stop it, or choose another port"
                            + " (--port or listen.port)");
        }
    }

    @Test
    void anLdapsOrMetricsPortTheConfigurationNamesMustOpen() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Path dir = TestServer.tempDir("linden-ports");
            Path ldaps = config(
                    dir,
                    "ldaps.yaml",
                    "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + ", ldapsPort: " + port + "}\ndataDir: "
                            + dir.resolve("a") + "\n");
            assertThat(oneLine(Launcher.run(dir, "serve", "--config", ldaps.toString())))
                    .startsWith("linden serve: cannot listen for LDAPS on 127.0.0.1:" + port + ": the port is in use")
                    .endsWith("(listen.ldapsPort)");
            Path metrics = config(
                    dir,
                    "metrics.yaml",
                    "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + "}\n" + "dataDir: " + dir.resolve("b")
                            + "\nmetrics: {port: " + port + "}\n");
            assertThat(oneLine(Launcher.run(dir, "serve", "--config", metrics.toString())))
                    .startsWith("linden serve: cannot listen for metrics on 127.0.0.1:" + port + ": the port is in use")
                    .endsWith("(metrics.port, or metrics.enabled: false)");
        }
    }

    @Test
    void ports389And636NeedRootAndTheLineSaysSo() throws Exception {
        Path launcher = Launcher.forUser("nobody");
        Path dir = writableByAll(TestServer.tempDir("linden-nobody"));
        Launcher.Result ldap = Launcher.runAs("nobody", "nogroup", launcher, dir, serve(dir.resolve("a"), 389));
        assertThat(oneLine(ldap))
                .isEqualTo("linden serve: cannot listen for LDAP on 127.0.0.1:389: permission denied: "
                        + "ports below 1024 need root or the CAP_NET_BIND_SERVICE capability; run as root, grant it to java "
                        + "(setcap cap_net_bind_service=+ep), or choose a port above 1023 (--port or listen.port)");
        Path ldaps = config(
                dir,
                "ldaps.yaml",
                "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + ", ldapsPort: 636}\n" + "dataDir: "
                        + dir.resolve("b") + "\n");
        assertThat(oneLine(Launcher.runAs("nobody", "nogroup", launcher, dir, "serve", "--config", ldaps.toString())))
                .startsWith(
                        "linden serve: cannot listen for LDAPS on 127.0.0.1:636: permission denied: ports below 1024");
    }

    @Test
    void aDataFolderTheServerMayNotUseIsNamed() throws Exception {
        Path launcher = Launcher.forUser("nobody");
        Path dir = writableByAll(TestServer.tempDir("linden-nobody"));
        Path closed = Files.createDirectory(
                dir.resolve("root-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String line = oneLine(Launcher.runAs("nobody", "nogroup", launcher, dir, serve(closed, Launcher.freePort())));
        assertThat(line)
                .isEqualTo("linden serve: dataDir " + closed + ": permission denied: the folder and its files must be"
                        + " readable and writable by the user the server runs as (nobody): change their owner or mode; choose"
                        + " another folder (--data or dataDir)");
    }

    @Test
    void aSecondServerOrAnImportOnTheSameDataFolderIsRefused() throws Exception {
        Path data = TestServer.tempDir("linden-shared");
        try (Launcher.Running first =
                Launcher.start(data, serve(data, Launcher.freePort())).awaitReady()) {
            String expected = "dataDir " + data + " is in use by another Linden (process " + first.pid()
                    + "): stop it first, or give this one its own folder (--data or dataDir)";
            assertThat(oneLine(Launcher.run(data, serve(data, Launcher.freePort()))))
                    .isEqualTo("linden serve: " + expected);
            Path ldif = Files.writeString(
                    data.resolve("more.ldif"), "dn: ou=more,dc=corp,dc=com\nobjectClass: organizationalUnit\n");
            assertThat(oneLine(Launcher.run(
                            data, "import", "--suffix", "dc=corp,dc=com", "--data", data.toString(), ldif.toString())))
                    .isEqualTo("linden import: " + expected);
        }
        // once the first has stopped, the folder is free again
        try (Launcher.Running again =
                Launcher.start(data, serve(data, Launcher.freePort())).awaitReady()) {
            assertThat(again.output()).contains("data        " + data);
        }
    }

    @Test
    void aBrokenOrMismatchedCertificateIsNamed() throws Exception {
        Path dir = TestServer.tempDir("linden-badtls");
        Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        var one = dev.linden.server.tls.SelfSignedCertificate.ensure(dir.resolve("one"));
        var two = dev.linden.server.tls.SelfSignedCertificate.ensure(dir.resolve("two"));
        Path broken = config(
                dir,
                "broken.yaml",
                "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + "}\ndataDir: " + dir.resolve("a")
                        + "\ntls: {certificate: " + dir.resolve("garbage.pem") + ", privateKey: " + one.privateKey()
                        + "}\n");
        assertThat(oneLine(Launcher.run(dir, "serve", "--config", broken.toString())))
                .startsWith("linden serve: tls: cannot use " + dir.resolve("garbage.pem") + " and " + one.privateKey()
                        + ": ")
                .contains("no certificates")
                .endsWith(
                        "give a PEM certificate chain and its PKCS#8 private key (or a PKCS#12 keystore and its password)");
        Path mismatched = config(
                dir,
                "mismatched.yaml",
                "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + "}\ndataDir: " + dir.resolve("b")
                        + "\ntls: {certificate: " + one.certificate() + ", privateKey: " + two.privateKey() + "}\n");
        assertThat(oneLine(Launcher.run(dir, "serve", "--config", mismatched.toString())))
                .contains("the private key " + two.privateKey() + " does not belong to the certificate "
                        + one.certificate());
    }

    @Test
    void aBadValueNamesTheFileLineAndKeyAndDebugShowsTheTrace() throws Exception {
        Path dir = TestServer.tempDir("linden-yaml");
        Path bad = config(dir, "bad.yaml", "listen:\n  host: 127.0.0.1\n  port: three-three-eight-nine\n");
        assertThat(oneLine(Launcher.run(dir, "serve", "--config", bad.toString())))
                .isEqualTo("linden serve: " + bad + ":5: listen.port: 'three-three-eight-nine' is not a whole number");
        Launcher.Result debug = Launcher.run(dir, "serve", "--debug", "--config", bad.toString());
        assertThat(debug.exit()).isNotZero();
        assertThat(debug.output()).contains("\tat ").contains("ConfigException");
        assertThat(debug.lines().get(debug.lines().size() - 1)).endsWith("is not a whole number");
    }

    @Test
    void settingsUnderWhichNobodyCouldLogInAreRefused() throws Exception {
        Path dir = TestServer.tempDir("linden-nologin");
        Path config = config(
                dir,
                "tls-off.yaml",
                "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + "}\ndataDir: " + dir.resolve("a")
                        + "\ntls: {enabled: false}\n");
        assertThat(oneLine(Launcher.run(dir, "serve", "--config", config.toString())))
                .startsWith("linden serve: " + config + ": nobody could log in: simple binds need TLS")
                .contains("security.loopbackExempt: true")
                .contains("security.requireTlsForBind: false");
        assertThat(dir.resolve("a")).as("refused before anything was made").doesNotExist();
    }

    @Test
    void twoServersWithDefaultSettingsBothStartAndANormalStartPrintsNoWarning() throws Exception {
        Path one = TestServer.tempDir("linden-one");
        Path two = TestServer.tempDir("linden-two");
        String[] flags = {"--suffix", "dc=corp,dc=com", "--data", "d", "--admin-password", "Two-servers-1"};
        try (Launcher.Running a = Launcher.start(
                                one,
                                concat(new String[] {"serve", "--port", Integer.toString(Launcher.freePort())}, flags))
                        .awaitReady();
                Launcher.Running b = Launcher.start(
                                two,
                                concat(new String[] {"serve", "--port", Integer.toString(Launcher.freePort())}, flags))
                        .awaitReady()) {
            String metricsA = a.line("metrics");
            String metricsB = b.line("metrics");
            assertThat(metricsA).isNotEqualTo(metricsB);
            for (Launcher.Running r : new Launcher.Running[] {a, b}) {
                assertThat(r.output()).doesNotContain("WARNING:").doesNotContain("\tat ");
                assertThat(r.process.isAlive()).isTrue();
            }
            if (metricsA.endsWith(":9389/metrics")) { // else a third program had 9389 and both moved on
                assertThat(b.output()).contains("metrics: port 9389 is in use");
            }
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static Path config(Path dir, String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "rootPassword: Start-up-1\nsuffix: dc=corp,dc=com\n" + yaml);
        return file;
    }

    static Path writableByAll(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }
}
