package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import dev.linden.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** {@code linden status} against a running server, in-process like the other command line tests. */
class StatusCommandIT {
    @Test
    void summarisesARunningServer() throws Exception {
        try (TestServer server = TestServer.memory("detection: {}\n").loadResource("sample.ldif");
                LDAPConnection idle = new LDAPConnection("127.0.0.1", server.port())) {
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(() -> c.bind("uid=bob,ou=people,dc=example,dc=com", "wrong"))
                            .isInstanceOf(LDAPException.class);
                }
                assertThatThrownBy(() -> c.bind("uid=nobody,ou=people,dc=example,dc=com", "x"))
                        .isInstanceOf(LDAPException.class);
                c.bind("uid=bob,ou=people,dc=example,dc=com", "bob-password");
                c.search("dc=example,dc=com", com.unboundid.ldap.sdk.SearchScope.SUB, "(uid=alice)");
            }
            Thread.sleep(1100); // one tick of the last-minute rate
            CommandLineIT.Output r = CommandLineIT.linden(
                    "status", "-H", server.url(), "-D", TestServer.ADMIN_DN, "-w", TestServer.ADMIN_PASSWORD);
            assertThat(r.exit()).as(r.err()).isZero();
            String out = r.out();
            assertThat(out)
                    .startsWith("Linden " + dev.linden.server.Linden.VERSION + " at " + server.url() + ", up 0m ");
            assertThat(out).containsPattern("Listeners +ldap://127\\.0\\.0\\.1:" + server.port());
            assertThat(out)
                    .containsPattern("Connections +2 open \\(0 TLS\\), 3 since start"); // idle, and status itself
            assertThat(out).containsPattern("Operations +[1-9][0-9.]*/s over the last minute; [0-9,]+ since start");
            assertThat(out).contains("search 1, bind 5"); // the command's own bind included
            assertThat(out).containsPattern("Failed binds +3: wrong password 2, no such entry 1\n");
            assertThat(out).containsPattern("Offenders +0 throttled, 0 blocked");
            assertThat(out).containsPattern("Alerts +none");
        }
    }

    @Test
    void showsActiveAlerts() throws Exception {
        try (TestServer server = TestServer.memory("detection: {bruteForce: {failures: 3}}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> c.bind("uid=carol,ou=people,dc=example,dc=com", "guess"))
                        .isInstanceOf(LDAPException.class);
            }
            CommandLineIT.Output r = CommandLineIT.linden(
                    "status", "-H", server.url(), "-D", TestServer.ADMIN_DN, "-w", TestServer.ADMIN_PASSWORD);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .containsPattern("Alerts +1 active\n  #1 +brute_force +account uid=carol,ou=people,"
                            + "dc=example,dc=com, throttle until \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z: 3 failed binds against "
                            + "uid=carol,ou=people,dc=example,dc=com");
            assertThat(r.out()).containsPattern("Offenders +1 throttled, 0 blocked");
        }
    }

    @Test
    void overTlsWithTheServersCertificate() throws Exception {
        try (TestServer server = TestServer.memoryWithTls("").loadResource("sample.ldif")) {
            CommandLineIT.Output ldaps = CommandLineIT.linden(
                    "status",
                    "-H",
                    "ldaps://localhost:" + server.ldapsPort(),
                    "-D",
                    TestServer.ADMIN_DN,
                    "-w",
                    TestServer.ADMIN_PASSWORD,
                    "--cacert",
                    server.certificate().toString());
            assertThat(ldaps.exit()).as(ldaps.err()).isZero();
            assertThat(ldaps.out()).containsPattern("Connections +1 open \\(1 TLS\\)");
            CommandLineIT.Output startTls = CommandLineIT.linden(
                    "status",
                    "-H",
                    "ldap://localhost:" + server.port(),
                    "-Z",
                    "-D",
                    TestServer.ADMIN_DN,
                    "-w",
                    TestServer.ADMIN_PASSWORD,
                    "--insecure");
            assertThat(startTls.exit()).as(startTls.err()).isZero();
            assertThat(startTls.out()).containsPattern("Connections +1 open \\(1 TLS\\)");
        }
    }

    @Test
    void explainsWhoMayReadIt() throws Exception {
        try (TestServer server = TestServer.memory().loadResource("sample.ldif")) {
            CommandLineIT.Output r = CommandLineIT.linden(
                    "status", "-H", server.url(), "-D", "uid=bob,ou=people,dc=example,dc=com", "-w", "bob-password");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("cn=Monitor is not readable as uid=bob,ou=people,dc=example,dc=com");
            CommandLineIT.Output wrong =
                    CommandLineIT.linden("status", "-H", server.url(), "-D", TestServer.ADMIN_DN, "-w", "nope");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).contains("invalid_credentials (49)");
            CommandLineIT.Output down =
                    CommandLineIT.linden("status", "-H", "ldap://127.0.0.1:1", "-D", TestServer.ADMIN_DN, "-w", "x");
            assertThat(down.exit()).isEqualTo(1);
            assertThat(down.err()).contains("cannot read ldap://127.0.0.1:1");
        }
    }
}
