package dev.linden.it.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * linden doctor against real slapds configured on purpose: one weak in every way the issue names
 * (no TLS, anonymous read down to the passwords, unauthenticated and cleartext binds; and in a
 * second one an expired certificate with TLS 1.0 and 3DES), one hardened. Each weakness is found,
 * and against the hardened one nothing is. Debian's slapd (GnuTLS 3.7) can still be made to offer
 * TLS 1.0 and 1.1 (TLSProtocolMin 3.1 and +VERS-TLS1.0 in the priority string).
 */
class DoctorSlapdIT {
    static final String PEOPLE = """
            dn: dc=example,dc=com
            objectClass: dcObject
            objectClass: organization
            dc: example
            o: Example

            dn: uid=alice,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice
            sn: Liddell
            userPassword: alice-password
            """;

    static String[] args(Slapd slapd, String... more) {
        String[] base = {
            "doctor",
            "127.0.0.1:" + slapd.port(),
            "--ldaps-port",
            Integer.toString(slapd.ldapsPort()),
            "--cldap-port",
            Integer.toString(slapd.port()),
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
    void aSlapdWithoutTlsAndOpenToAnonymousReaders() throws Exception {
        try (Slapd slapd =
                Slapd.start("allow bind_anon_dn\n", "access to * by * read\n").loadLdif(PEOPLE)) {
            DoctorRun d = DoctorRun.run(args(slapd));
            assertThat(d.exit()).as(d.out()).isEqualTo(2);
            assertThat(d.findings("tls.none", "error")).hasSize(1);
            assertThat(d.findings("anonymous.read", "warn")).hasSize(1);
            assertThat(d.findings("anonymous.read", "error"))
                    .singleElement()
                    .asString()
                    .contains("password attributes");
            assertThat(d.findings("bind.unauthenticated", "warn")).hasSize(1);
            assertThat(d.findings("bind.cleartext", "warn")).hasSize(1);
            assertThat(d.findings("sasl.mechanisms", "warn")).hasSize(1);
            assertThat(d.json().at("/facts/rootDse/product").asText()).isEqualTo("OpenLDAP");
            assertThat(d.json().at("/facts/ports/" + slapd.port()).asText()).isEqualTo("open");
        }
    }

    @Test
    void aSlapdWithAnExpiredCertificateAndTls10() throws Exception {
        Path dir = TestServer.tempDir("doctor-weak-tls");
        var cert = TestCertificates.server(
                dir,
                "expired",
                null,
                Instant.now().minus(Duration.ofDays(400)),
                Instant.now().minus(Duration.ofDays(35)));
        String tls = "TLSCertificateFile " + cert.certificateFile() + "\nTLSCertificateKeyFile " + cert.keyFile()
                + "\nTLSProtocolMin 3.1\nTLSCipherSuite NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:+3DES-CBC:+SHA1\n";
        try (Slapd slapd = Slapd.startWithTls(tls, "", false).loadLdif(PEOPLE)) {
            DoctorRun d =
                    DoctorRun.run(args(slapd, "--ca", cert.certificateFile().toString()));
            assertThat(d.exit()).as(d.out()).isEqualTo(2);
            String ldaps = slapd.ldapsPort() + "/tcp (LDAPS)";
            assertThat(d.findings("cert.expiry", "error"))
                    .anySatisfy(f -> assertThat(f).startsWith(ldaps).contains("expired"));
            assertThat(d.findings("tls.versions", "warn"))
                    .anySatisfy(f -> assertThat(f).startsWith(ldaps).contains("TLSv1.0"));
            assertThat(d.findings("tls.ciphers", "warn"))
                    .anySatisfy(f -> assertThat(f).startsWith(ldaps).contains("3DES"));
            assertThat(d.json()
                            .at("/facts/tls " + ldaps.replace("/", "~1") + "/versions")
                            .toString())
                    .contains("TLSv1.0");
            assertThat(d.findings("tls.none", "error")).isEmpty(); // it has TLS, just bad TLS
        }
    }

    @Test
    void aHardenedSlapdShowsNoneOfThem() throws Exception {
        Path dir = TestServer.tempDir("doctor-hardened");
        var ca = TestCertificates.ca(dir);
        var cert = TestCertificates.server(
                dir,
                "server",
                ca,
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)));
        String global = "TLSCertificateFile " + cert.certificateFile() + "\nTLSCertificateKeyFile " + cert.keyFile()
                + "\nTLSCACertificateFile " + ca.certificateFile()
                + "\nTLSProtocolMin 3.3\nTLSCipherSuite SECURE256:+SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
                + "\nsecurity simple_bind=128\nsasl-secprops noanonymous,noplain,nodict\n";
        String database = "access to attrs=userPassword by self =w by anonymous auth by * none\n"
                + "access to * by users read by anonymous auth\n";
        try (Slapd slapd = Slapd.startWithTls(global, database, true).loadLdif(PEOPLE)) {
            DoctorRun d = DoctorRun.run(args(slapd, "--ca", ca.certificateFile().toString()));
            assertThat(d.problems()).as(d.out()).isEmpty();
            assertThat(d.exit()).isZero();
            assertThat(d.findings("bind.cleartext", "ok")).hasSize(1);
            assertThat(d.findings("cert.trust", "ok")).hasSize(2); // StartTLS and LDAPS
            assertThat(d.findings("tls.versions", "ok")).hasSize(2);
        }
    }
}
