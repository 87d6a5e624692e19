package dev.linden.it.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import org.junit.jupiter.api.Test;

/**
 * linden doctor against Linden itself: with its defaults (TLS from the tls section, simple binds
 * only over TLS, no anonymous reading, no CLDAP) it finds nothing to fix; with the CLDAP listener
 * on, it says so, with the amplification it measured; with root DSE searches over UDP, it calls
 * the server an amplifier. With credentials it binds over trusted TLS and reads the clock.
 */
class DoctorLindenIT {
    static String[] args(TestServer s, int cldapPort, String... more) {
        String[] base = {
            "doctor",
            "127.0.0.1:" + s.port(),
            "--ldaps-port",
            Integer.toString(s.ldapsPort()),
            "--cldap-port",
            Integer.toString(cldapPort),
            "--ca",
            s.certificate().toString(),
            "--timeout",
            "2000",
            "--dns-server",
            "127.0.0.1:9",
            "--json"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void lindensDefaultsShowNothingToFix() throws Exception {
        // security: the product's defaults (the test server otherwise lets loopback clients bind in clear)
        try (TestServer s = TestServer.memoryWithTls("security: {requireTlsForBind: true}\n")) {
            DoctorRun d = DoctorRun.run(args(s, s.port(), "-D", TestServer.ADMIN_DN, "-w", TestServer.ADMIN_PASSWORD));
            assertThat(d.problems()).as(d.out()).isEmpty();
            assertThat(d.exit()).isZero();
            assertThat(d.json().at("/facts/rootDse/product").asText()).startsWith("Linden");
            assertThat(d.findings("bind.cleartext", "ok"))
                    .singleElement()
                    .asString()
                    .contains("refused");
            assertThat(d.findings("bind.unauthenticated", "ok")).hasSize(1);
            assertThat(d.findings("anonymous.read", "ok")).hasSize(1);
            assertThat(d.findings("cldap", "ok")).singleElement().asString().contains("does not answer");
            assertThat(d.findings("bind.credentials", "ok")).hasSize(1);
            assertThat(d.findings("clock", "ok")).singleElement().asString().contains("agree");
            assertThat(d.json()
                            .at("/facts/tls " + s.port() + "~1tcp (StartTLS)/versions")
                            .toString())
                    .isEqualTo("[\"TLSv1.2\",\"TLSv1.3\"]");
        }
    }

    @Test
    void aCldapListenerIsReportedWithItsAmplification() throws Exception {
        try (TestServer s = TestServer.memoryWithTls(
                "security: {requireTlsForBind: true}\n" + "cldap: {enabled: true, host: 127.0.0.1, port: 0}\n")) {
            DoctorRun d = DoctorRun.run(args(s, s.cldapPort()));
            assertThat(d.problems())
                    .as(d.out())
                    .singleElement()
                    .asString()
                    .startsWith("warn cldap")
                    .contains("answers LDAP pings");
            assertThat(d.exit()).isEqualTo(1);
            assertThat(d.json().at("/facts/cldap/rootDse").asText()).contains("SearchResultDone");
        }
        try (TestServer s = TestServer.memoryWithTls("security: {requireTlsForBind: true}\n"
                + "cldap: {enabled: true, host: 127.0.0.1, port: 0, rootDse: true}\n")) {
            DoctorRun d = DoctorRun.run(args(s, s.cldapPort()));
            assertThat(d.findings("cldap", "error")).singleElement().asString().contains("root DSE is served");
            assertThat(d.exit()).isEqualTo(2);
        }
    }

    @Test
    void theTextReportForPeople() throws Exception {
        try (TestServer s = TestServer.memoryWithTls("")) { // the test server's loopback exemption: a warning
            String[] json = args(s, s.port());
            String[] text = java.util.Arrays.copyOf(json, json.length - 1); // without --json
            DoctorRun d = DoctorRun.run(text);
            assertThat(d.exit()).isEqualTo(1);
            assertThat(d.out())
                    .contains(
                            "linden doctor 127.0.0.1:" + s.port(),
                            "WARN  bind.cleartext",
                            "fix (Linden): security.requireTlsForBind: true",
                            "0 errors, 1 warnings");
        }
    }
}
