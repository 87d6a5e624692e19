package dev.linden.it.cldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real clients nobody here wrote read Linden's answers on loopback. Samba's net and samba-tool send
 * the LDAP ping over UDP to port 389 only, and adcli sends it over TCP to port 389 only, so this
 * server takes port 389 on 127.0.0.1 for both (the tests run as root; .ci/run installs the tools).
 */
class CldapClientsIT {
    static final String GUID = "0e85405a-1716-3745-ac57-c2448fe3bce8";
    private static TestServer server;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = TestServer.tempDir("linden-cldap-clients");
        Files.writeString(dir.resolve("smb.conf"), "[global]\n"); // Samba's tools want a configuration file
        String yaml = "cldap: {enabled: true, host: 127.0.0.1, port: 389, rootDse: true}\n"
                + "netlogon: {hostName: dc1.example.com, site: Lab, domainGuid: " + GUID + "}\n";
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 20 && server == null; attempt++) { // another test may hold 389 a moment
            try {
                server = TestServer.memoryOnPort(389, yaml);
            } catch (IllegalStateException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        if (server == null) {
            throw last;
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is not installed (see .ci/run)");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .directory(dir.toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
        return text;
    }

    @Test
    void sambaNetAdsLookupReadsThePingOverUdp() throws Exception {
        String out = run(List.of(
                "/usr/bin/net",
                "ads",
                "lookup",
                "-S",
                "127.0.0.1",
                "-s",
                dir.resolve("smb.conf").toString()));
        assertThat(out)
                .contains(
                        "Response Type: LOGON_SAM_LOGON_RESPONSE_EX",
                        "GUID: " + GUID,
                        "Forest: example.com",
                        "Domain: example.com",
                        "Domain Controller: dc1.example.com",
                        "Pre-Win2k Domain: EXAMPLE",
                        "Pre-Win2k Hostname: DC1",
                        "Server Site Name: Lab",
                        "Client Site Name: Lab");
        assertThat(out)
                .containsPattern("Is an LDAP server:\\s+yes")
                .containsPattern("Supports DS:\\s+yes")
                .containsPattern("Is running a KDC:\\s+no")
                .containsPattern("Is a PDC:\\s+no");
    }

    @Test
    void sambaToolDomainInfoReadsThePingOverUdp() throws Exception {
        String out = run(List.of(
                "/usr/bin/samba-tool",
                "domain",
                "info",
                "127.0.0.1",
                "-s",
                dir.resolve("smb.conf").toString()));
        assertThat(out)
                .containsPattern("Forest\\s+: example.com")
                .containsPattern("Domain\\s+: example.com")
                .containsPattern("Netbios domain\\s+: EXAMPLE")
                .containsPattern("DC name\\s+: dc1.example.com")
                .containsPattern("DC netbios name\\s+: DC1")
                .containsPattern("Server site\\s+: Lab");
    }

    @Test
    void adcliInfoReadsThePingOverTcp() throws Exception {
        String out = run(List.of("/usr/sbin/adcli", "info", "--domain-controller=127.0.0.1", "example.com"));
        assertThat(out)
                .contains(
                        "domain-name = example.com",
                        "domain-short = EXAMPLE",
                        "domain-forest = example.com",
                        "domain-controller = dc1.example.com",
                        "domain-controller-site = Lab",
                        "domain-controller-usable = yes");
        assertThat(out).containsPattern("domain-controller-flags = .*\\bldap\\b.*\\bwritable\\b");
    }

    /**
     * nmap's ldap-rootdse over UDP. Debian's nmap 7.93 runs its scripts on Lua 5.3, where the UDP
     * branch of nselib/ldap.lua fails against any server before reading a byte (string.unpack at
     * position 0: "initial position out of string"; Lua 5.4 builds accept it). So the script runs
     * with a copy of nmap's library that differs in that one number, through --datadir.
     */
    @Test
    void nmapLdapRootDseOverUdp() throws Exception {
        Path nselib = Path.of("/usr/share/nmap/nselib");
        assumeTrue(Files.isDirectory(nselib), "nmap is not installed (see .ci/run)");
        Path data = dir.resolve("nmap");
        Files.createDirectories(data.resolve("nselib"));
        List<Path> libs = new ArrayList<>();
        try (var files = Files.list(nselib)) {
            files.forEach(libs::add);
        }
        for (Path lib : libs) {
            if (!lib.getFileName().toString().equals("ldap.lua")) {
                Files.createSymbolicLink(data.resolve("nselib").resolve(lib.getFileName()), lib);
            }
        }
        String ldapLua = Files.readString(nselib.resolve("ldap.lua"));
        String fixed = ldapLua.replace("local len, pos, messageId = 0, 0, -1", "local len, pos, messageId = 0, 1, -1");
        assertThat(fixed).isNotEqualTo(ldapLua);
        Files.writeString(data.resolve("nselib").resolve("ldap.lua"), fixed);

        String out = run(List.of(
                "/usr/bin/nmap",
                "--datadir",
                data.toString(),
                "-sU",
                "-p",
                "389",
                "-n",
                "--script",
                "ldap-rootdse",
                "127.0.0.1"));
        assertThat(out).contains("389/udp open").contains("ldap-rootdse:").contains("objectClass: extensibleObject");
    }
}
