package dev.linden.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of doctor that need no server: name matching, time parsing, the exit status, the ClientHello's shape. */
class DoctorPartsTest {
    @Test
    void certificateNamesAsRfc6125MatchesThem() {
        assertThat(Names.covers("ldap.example.com", "LDAP.example.com.")).isTrue();
        assertThat(Names.covers("*.example.com", "ldap.example.com")).isTrue();
        assertThat(Names.covers("*.example.com", "a.b.example.com")).isFalse(); // one label only
        assertThat(Names.covers("*.example.com", "example.com")).isFalse();
        assertThat(Names.covers("ldap.example.org", "ldap.example.com")).isFalse();
        assertThat(Names.isAddress("192.0.2.1")).isTrue();
        assertThat(Names.isAddress("::1")).isTrue();
        assertThat(Names.isAddress("ldap.example.com")).isFalse();
        assertThat(Names.domainOf("ou=people,dc=Corp,dc=Example,dc=com")).isEqualTo("corp.example.com");
        assertThat(Names.domainOf("o=Example")).isNull();
    }

    @Test
    void generalizedTimesFromTheRootDseOrCnMonitor() {
        assertThat(ClockCheck.parse("20250131120000.0Z")).isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
        assertThat(ClockCheck.parse("20250131120000Z")).isEqualTo(Instant.parse("2025-01-31T12:00:00Z"));
        assertThat(ClockCheck.parse("garbage")).isNull();
    }

    @Test
    void theWorstFindingSetsTheExitStatus() {
        Report r = new Report("x");
        assertThat(r.exitStatus()).isZero();
        r.add(Finding.info("a", "", "fact", null));
        assertThat(r.exitStatus()).isZero();
        r.add(new Finding("b", Severity.WARN, "", "weak", null, Fixes.OLD_TLS));
        assertThat(r.exitStatus()).isEqualTo(1);
        r.add(new Finding("c", Severity.ERROR, "", "broken", null, Fixes.NO_TLS));
        assertThat(r.exitStatus()).isEqualTo(2);
        assertThat(JsonReport.render(r)).contains("\"status\" : \"error\"", "\"exitStatus\" : 2", "\"openldap\" : ");
    }

    @Test
    void aClientHelloIsOneWellFormedRecord() {
        byte[] hello = TlsHello.clientHello(TlsHello.TLS13, CipherSuites.tls13(), "ldap.example.com");
        assertThat(hello[0]).isEqualTo((byte) 22);
        assertThat(((hello[3] & 0xFF) << 8) | (hello[4] & 0xFF)).isEqualTo(hello.length - 5);
        assertThat(hello[5]).isEqualTo((byte) 1); // client_hello
        int body = (hello[6] & 0xFF) << 16 | (hello[7] & 0xFF) << 8 | (hello[8] & 0xFF);
        assertThat(body).isEqualTo(hello.length - 9);
        assertThat(new String(hello, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("ldap.example.com");
        byte[] ssl3 = TlsHello.clientHello(TlsHello.SSL3, List.of(0x000A), null);
        assertThat(ssl3[1]).isEqualTo((byte) 3);
        assertThat(ssl3[2]).isEqualTo((byte) 0); // SSLv3 record version
    }
}
