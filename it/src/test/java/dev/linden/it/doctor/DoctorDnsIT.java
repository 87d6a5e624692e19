package dev.linden.it.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * linden doctor's SRV check against a real DNS server (dnsmasq, on a loopback port of its own):
 * _ldap._tcp records whose targets are named in the server's certificate pass; a target the
 * certificate does not name, and one that does not resolve, are reported.
 */
class DoctorDnsIT {
    static Process dnsmasq(int port, Path log, String... records) throws Exception {
        Path binary = Path.of("/usr/sbin/dnsmasq");
        assertThat(Files.isExecutable(binary))
                .as("dnsmasq is needed: apt-get install -y dnsmasq-base (see .ci/run)")
                .isTrue();
        List<String> c = new ArrayList<>(List.of(
                binary.toString(),
                "--keep-in-foreground",
                "--port=" + port,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--conf-file=/dev/null",
                "--user=root",
                "--pid-file=" + log.resolveSibling("dnsmasq.pid")));
        c.addAll(List.of(records));
        Process p = new ProcessBuilder(c)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // ready when it answers: a query for a name it holds
        for (int i = 0; i < 100; i++) {
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] query = {
                    0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't', 0, 0, 1,
                    0, 1
                };
                s.setSoTimeout(100);
                s.send(new java.net.DatagramPacket(
                        query, query.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                s.receive(new java.net.DatagramPacket(new byte[512], 512));
                return p;
            } catch (java.io.IOException e) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("dnsmasq exited: " + Files.readString(log));
                }
            }
        }
        p.destroy();
        throw new IllegalStateException("dnsmasq did not answer: " + Files.readString(log));
    }

    static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static DoctorRun doctor(TestServer s, int dnsPort) throws Exception {
        return DoctorRun.run(
                "doctor",
                "127.0.0.1:" + s.port(),
                "--ldaps-port",
                Integer.toString(s.ldapsPort()),
                "--cldap-port",
                "-1",
                "--ca",
                s.certificate().toString(),
                "--timeout",
                "2000",
                "--dns-server",
                "127.0.0.1:" + dnsPort,
                "--json");
    }

    @Test
    void srvTargetsMustResolveAndBeInTheCertificate() throws Exception {
        Path dir = TestServer.tempDir("doctor-dns");
        try (TestServer s = TestServer.memoryWithTls("security: {requireTlsForBind: true}\n")) {
            int port = freeUdpPort();
            Process good = dnsmasq(
                    port,
                    dir.resolve("good.log"),
                    "--srv-host=_ldap._tcp.example.com,localhost," + s.port(),
                    "--host-record=localhost,127.0.0.1");
            try {
                DoctorRun d = doctor(s, port);
                assertThat(d.findings("dns.srv", "ok"))
                        .as(d.out())
                        .singleElement()
                        .asString()
                        .contains("names in the certificate");
                assertThat(d.exit()).isZero();
            } finally {
                good.destroy();
                good.waitFor(10, TimeUnit.SECONDS);
            }
            port = freeUdpPort();
            Process bad = dnsmasq(
                    port,
                    dir.resolve("bad.log"),
                    "--srv-host=_ldap._tcp.example.com,localhost," + s.port(),
                    "--srv-host=_ldap._tcp.example.com,ldap2.example.com,389,10",
                    "--srv-host=_ldap._tcp.example.com,ghost.example.com,389,20",
                    "--host-record=localhost,127.0.0.1",
                    "--host-record=ldap2.example.com,127.0.0.1");
            try {
                DoctorRun d = doctor(s, port);
                assertThat(d.findings("dns.srv", "warn"))
                        .as(d.out())
                        .singleElement()
                        .asString()
                        .contains("SRV records that clients cannot use");
                String detail = d.json().findValues("detail").toString();
                assertThat(detail)
                        .contains(
                                "ghost.example.com (from _ldap._tcp.example.com) does not resolve",
                                "ldap2.example.com (from _ldap._tcp.example.com) is not named in the certificate");
                assertThat(d.exit()).isEqualTo(1);
            } finally {
                bad.destroy();
                bad.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
