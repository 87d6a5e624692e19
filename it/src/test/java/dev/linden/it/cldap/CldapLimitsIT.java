package dev.linden.it.cldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.it.PrometheusText;
import dev.linden.observability.CldapStats;
import dev.linden.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLDAP listener's rate limits over real sockets: a source past its bucket and all sources past
 * the global rate get nothing, the drops are counted (metrics, cn=Monitor) and reported once as
 * security events, and other sources are still answered.
 */
class CldapLimitsIT {
    static final String PING = "(&(NtVer=\\06\\00\\00\\00)(DnsDomain=example.com))";

    /** Sends {@code n} pings at once and counts the answers that come back before 300 ms of silence. */
    static int burst(Datagrams udp, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            udp.send(Datagrams.ping(100 + i, PING));
        }
        int answered = 0;
        while (udp.receive(300) != null) {
            answered++;
        }
        return answered;
    }

    static List<String> securityEvents(TestServer server, String event) throws Exception {
        Path log = server.logDir().resolve("security.log");
        for (int i = 0; i < 100; i++) { // the log is written by a background thread
            if (Files.exists(log) && Files.readString(log).contains(event)) {
                break;
            }
            Thread.sleep(20);
        }
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("\"" + event + "\""))
                .toList();
    }

    @Test
    void aSourcePastItsBucketIsDroppedCountedAndReportedOnce() throws Exception {
        try (TestServer server = TestServer.memory("cldap: {enabled: true, host: 127.0.0.1, port: 0, sourceRate: 2, "
                + "sourceBurst: 3}\nmetrics: {port: 0}\n")) {
            CldapStats stats = server.observability().cldap();
            int answered;
            try (Datagrams flood = Datagrams.from(40, server.cldapPort())) {
                answered = burst(flood, 20);
            }
            assertThat(answered).isBetween(3, 4); // the burst, and at most one token that refilled meanwhile
            assertThat(stats.drops(CldapStats.Drop.SOURCE_RATE)).isEqualTo(20 - answered);
            try (Datagrams other = Datagrams.from(41, server.cldapPort())) {
                assertThat(burst(other, 1)).isEqualTo(1); // another address is not held back
            }
            List<String> events = securityEvents(server, "cldap_rate_limited");
            assertThat(events).hasSize(1); // one event a minute per source, not one per datagram
            assertThat(events.get(0)).contains("\"source\":\"127.0.0.40\"", "\"severity\":\"warning\"");

            PrometheusText metrics = scrape(server.metricsPort());
            assertThat(metrics.value("linden_cldap_dropped_total", "reason", "source_rate"))
                    .isEqualTo(20.0 - answered);
            assertThat(metrics.value("linden_cldap_answers_total", "kind", "netlogon"))
                    .isEqualTo(answered + 1.0);
            assertThat(metrics.value("linden_cldap_received_total")).isEqualTo(21.0);
            assertThat(metrics.value("linden_cldap_bytes_total", "direction", "out"))
                    .isEqualTo(stats.bytesOut());
            assertThat(metrics.value("linden_cldap_bytes_total", "direction", "in"))
                    .isEqualTo(stats.bytesIn());

            try (LDAPConnection c =
                    new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                var dropped = c.getEntry("cn=Source Rate,cn=Dropped,cn=CLDAP,cn=Monitor", "+");
                assertThat(dropped.getAttributeValueAsLong("monitorCounter")).isEqualTo(20L - answered);
                var in = c.getEntry("cn=Bytes In,cn=CLDAP,cn=Monitor", "+");
                assertThat(in.getAttributeValueAsLong("monitorCounter")).isEqualTo(stats.bytesIn());
                assertThat(c.search("cn=CLDAP,cn=Monitor", SearchScope.SUB, "(objectClass=*)")
                                .getEntryCount())
                        .isGreaterThan(10);
            }
        }
    }

    @Test
    void allSourcesTogetherArePastTheGlobalRate() throws Exception {
        try (TestServer server =
                TestServer.memory("cldap: {enabled: true, host: 127.0.0.1, port: 0, globalRate: 10}\n")) {
            CldapStats stats = server.observability().cldap();
            List<Datagrams> sources = new java.util.ArrayList<>();
            for (int source = 50; source < 60; source++) { // ten addresses, each well within its own bucket
                sources.add(Datagrams.from(source, server.cldapPort()));
            }
            for (Datagrams udp : sources) {
                udp.send(Datagrams.ping(1, PING));
            }
            int answered = 0;
            for (Datagrams udp : sources) {
                answered += udp.receive(500) == null ? 0 : 1;
                udp.close();
            }
            // 10 a second: one at once, one more per 100 ms that passed
            assertThat(stats.drops(CldapStats.Drop.GLOBAL_RATE))
                    .isEqualTo(10 - answered)
                    .isGreaterThanOrEqualTo(1);
            assertThat(securityEvents(server, "cldap_global_rate_limited")).hasSize(1);
        }
    }

    static PrometheusText scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return PrometheusText.parse(r.body());
    }
}
