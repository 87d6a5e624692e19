package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.linden.it.PrometheusText;
import dev.linden.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Replication as an operator sees it: each source in the consumer's cn=Monitor, metrics and
 * {@code linden status}, each consumer in the provider's, and a security event and an alert when a
 * source stops, then another when it comes back.
 */
class ReplicationMonitoringIT {
    private static final String BASE = "dc=example,dc=com";

    private static PrometheusText scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return PrometheusText.parse(r.body());
    }

    /** {@code linden status}'s output, run in this JVM. */
    private static synchronized String status(String... args) {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "status";
            System.arraycopy(args, 0, all, 1, args.length);
            assertThat(dev.linden.cli.Main.run(all)).isZero();
        } finally {
            System.setOut(out);
        }
        return o.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static SearchResultEntry monitor(TestServer s, String dn) throws Exception {
        try (LDAPConnection c =
                new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            return c.getEntry(dn, "*", "+");
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void sourcesAndConsumersAreShownAndAStoppedSourceRaisesAnAlert() throws Exception {
        TestServer provider = TestServer.memory("metrics: {port: 0}\n").loadResource("sample.ldif");
        int providerPort = provider.port();
        try (TestServer replica =
                TestServer.memory("""
                metrics: {port: 0}
                serverId: 2
                replication:
                  sources:
                    - rid: 7
                      provider: ldap://127.0.0.1:%d
                      bindDn: %s
                      password: %s
                      base: %s
                      retrySeconds: [1]
                      timeoutSeconds: 2
                      alertAfterSeconds: 2
                """.formatted(providerPort, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD, BASE))) {
            try (LDAPConnection p =
                    new LDAPConnection("127.0.0.1", providerPort, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                p.modify("uid=alice,ou=people," + BASE, new Modification(ModificationType.REPLACE, "description", "x"));
            }
            String source = "cn=Source 007,cn=Replication,cn=Monitor";
            await(
                    () -> {
                        SearchResultEntry e = monitor(replica, source);
                        return e != null
                                && java.util.Arrays.asList(e.getAttributeValues("monitoredInfo"))
                                        .contains("state=persisting")
                                && e.getAttributeValue("monitorTimestamp") != null;
                    },
                    "the source persisting with a change applied");
            assertThat(monitor(replica, source).getAttributeValue("labeledURI"))
                    .isEqualTo("ldap://127.0.0.1:" + providerPort);
            SearchResultEntry consumer =
                    provider.linden().directory().syncs().snapshot(0).isEmpty()
                            ? null
                            : monitor(
                                    provider,
                                    "cn=Consumer "
                                            + provider.linden()
                                                    .directory()
                                                    .syncs()
                                                    .snapshot(0)
                                                    .get(0)
                                                    .connection() + ",cn=Replication,cn=Monitor");
            assertThat(consumer).as("the provider shows its consumer").isNotNull();
            assertThat(consumer.getAttributeValue("monitorConnectionAuthzDN")).isEqualTo(TestServer.ADMIN_DN);
            assertThat(consumer.getAttributeValues("monitoredInfo")).contains("stage=persist", "lagChanges=0");

            PrometheusText r = scrape(replica.metricsPort());
            assertThat(r.value(
                            "linden_replication_source_up", "rid", "7", "provider", "ldap://127.0.0.1:" + providerPort))
                    .isEqualTo(1.0);
            assertThat(r.value("linden_replication_source_changes_total", "rid", "7"))
                    .isGreaterThan(0);
            assertThat(scrape(provider.metricsPort()).value("linden_replication_consumers"))
                    .isEqualTo(1.0);

            String status = status(
                    "-H",
                    "ldap://127.0.0.1:" + replica.port(),
                    "-D",
                    TestServer.ADMIN_DN,
                    "-w",
                    TestServer.ADMIN_PASSWORD);
            assertThat(status).contains("Replicates", "rid 007 from ldap://127.0.0.1:" + providerPort + ": persisting");

            provider.close(); // the source stops: after alertAfterSeconds, an alert and a security event
            await(
                    () -> {
                        SearchResultEntry e = monitor(replica, source);
                        return java.util.Arrays.stream(e.getAttributeValues("monitoredInfo"))
                                .anyMatch(v -> v.startsWith("alert="));
                    },
                    "an alert on the stopped source");
            await(
                    () -> Files.readString(replica.logDir().resolve("security.log"))
                            .contains("replication_stalled"),
                    "a replication_stalled security event");
            assertThat(scrape(replica.metricsPort())
                            .value(
                                    "linden_replication_source_up",
                                    "rid",
                                    "7",
                                    "provider",
                                    "ldap://127.0.0.1:" + providerPort))
                    .isEqualTo(0.0);
        } finally {
            provider.close();
        }
    }
}
