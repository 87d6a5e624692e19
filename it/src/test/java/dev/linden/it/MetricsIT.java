package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prometheus metrics scraped over HTTP from a running server, parsed as Prometheus text, with exact values. */
class MetricsIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.lmdb(TestServer.tempDir("linden-metrics"), "metrics: {port: 0}\n")
                .loadResource("sample.ldif");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static PrometheusText scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return PrometheusText.parse(r.body());
    }

    @Test
    void failedBindsRiseByExactlyTheFailuresSent() throws Exception {
        PrometheusText before = scrape(server.metricsPort());
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> c.bind("uid=bob,ou=people,dc=example,dc=com", "wrong"))
                        .isInstanceOf(LDAPException.class);
            }
            for (int i = 0; i < 3; i++) {
                int n = i;
                assertThatThrownBy(() -> c.bind("uid=nobody" + n + ",ou=people,dc=example,dc=com", "x"))
                        .isInstanceOf(LDAPException.class);
            }
            c.bind("uid=bob,ou=people,dc=example,dc=com", "bob-password");
        }
        PrometheusText after = scrape(server.metricsPort());
        for (int i = 0;
                i < 100
                        && delta(before, after, "linden_operations_total", "operation", "unbind", "result", "abandoned")
                                < 1;
                i++) { // the Unbind is handled after the client has gone
            Thread.sleep(20);
            after = scrape(server.metricsPort());
        }
        assertThat(delta(before, after, "linden_bind_failures_total", "reason", "wrong_password"))
                .isEqualTo(4);
        assertThat(delta(before, after, "linden_bind_failures_total", "reason", "no_such_entry"))
                .isEqualTo(3);
        assertThat(delta(before, after, "linden_bind_failures_total", "reason", "locked"))
                .isZero();
        assertThat(delta(before, after, "linden_binds_total", "method", "simple", "outcome", "failure"))
                .isEqualTo(7);
        assertThat(delta(before, after, "linden_binds_total", "method", "simple", "outcome", "success"))
                .isEqualTo(1);
        assertThat(delta(before, after, "linden_operations_total", "operation", "bind", "result", "invalidCredentials"))
                .isEqualTo(7);
        assertThat(delta(before, after, "linden_operations_total", "operation", "bind", "result", "success"))
                .isEqualTo(1);
        assertThat(delta(before, after, "linden_operations_total", "operation", "unbind", "result", "abandoned"))
                .isEqualTo(1);
        assertThat(delta(before, after, "linden_operation_duration_seconds_count", "operation", "bind"))
                .isEqualTo(8);
        assertThat(after.family("linden_bind_failures_total").type()).isEqualTo("counter");
    }

    @Test
    void searchesEntriesConnectionsAndTheStore() throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            // as the root DN: access control then makes no searches of its own (group memberships)
            c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            PrometheusText before = scrape(server.metricsPort());
            assertThat(before.value("linden_connections", "listener", "ldap", "tls", "false"))
                    .isGreaterThanOrEqualTo(1);
            for (int i = 0; i < 5; i++) {
                assertThat(c.search("ou=people,dc=example,dc=com", SearchScope.SUB, "(uid=alice)")
                                .getEntryCount())
                        .isEqualTo(1);
            }
            assertThat(c.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=*)")
                            .getEntryCount())
                    .isEqualTo(3);
            assertThat(c.search("dc=example,dc=com", SearchScope.SUB, "(description=*)")
                            .getEntryCount())
                    .isZero();
            PrometheusText after = scrape(server.metricsPort());
            assertThat(delta(before, after, "linden_operations_total", "operation", "search", "result", "success"))
                    .isEqualTo(7);
            assertThat(delta(before, after, "linden_operation_duration_seconds_count", "operation", "search"))
                    .isEqualTo(7);
            assertThat(delta(before, after, "linden_search_entries_returned_total"))
                    .isEqualTo(8);
            assertThat(delta(before, after, "linden_searches_total", "index", "indexed"))
                    .isEqualTo(5);
            assertThat(delta(before, after, "linden_searches_total", "index", "scoped"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "linden_searches_total", "index", "unindexed"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "linden_store_transactions_total", "kind", "read"))
                    .isGreaterThanOrEqualTo(7);
            assertThat(after.value("linden_store_size_bytes")).isPositive();
            double inf = after.value("linden_operation_duration_seconds_bucket", "operation", "search", "le", "+Inf");
            assertThat(inf).isEqualTo(after.value("linden_operation_duration_seconds_count", "operation", "search"));
            assertThat(after.family("linden_operation_duration_seconds").type()).isEqualTo("histogram");
        }
    }

    @Test
    void writesCommitTransactionsAndRefusalsAreCountedByResult() throws Exception {
        try (LDAPConnection c =
                new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            PrometheusText before = scrape(server.metricsPort());
            c.modify(
                    "uid=carol,ou=people,dc=example,dc=com",
                    new com.unboundid.ldap.sdk.Modification(
                            com.unboundid.ldap.sdk.ModificationType.REPLACE, "description", "metrics"));
            LDAPException e = org.junit.jupiter.api.Assertions.assertThrows(
                    LDAPException.class, () -> c.delete("uid=nobody,ou=people,dc=example,dc=com"));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            PrometheusText after = scrape(server.metricsPort());
            assertThat(delta(before, after, "linden_operations_total", "operation", "modify", "result", "success"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "linden_operations_total", "operation", "delete", "result", "noSuchObject"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "linden_store_transactions_total", "kind", "write"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "linden_store_keys_written_total", "kind", "put"))
                    .isPositive();
            assertThat(delta(before, after, "linden_store_written_bytes_total")).isPositive();
        }
    }

    @Test
    void exposesServerInfoAndJvmBasicsOnLoopback() throws Exception {
        PrometheusText p = scrape(server.metricsPort());
        assertThat(p.value("linden_build_info", "version", dev.linden.server.Linden.VERSION))
                .isEqualTo(1);
        assertThat(p.value("linden_start_time_seconds")).isGreaterThan(1.6e9);
        assertThat(p.value("jvm_threads_current")).isPositive();
        assertThat(p.value("linden_bind_throttle_blocked_addresses")).isZero(); // the password policy's throttle
        assertThat(p.value("linden_lockouts_total")).isZero();
        assertThat(p.families())
                .containsKeys("jvm_memory_used_bytes", "jvm_gc_collection_seconds", "process_cpu_seconds_total");
        assertThat(p.families().keySet()).allMatch(name -> name.matches("[a-z_:][a-z0-9_:]*"));
        assertThat(p.families().values())
                .filteredOn(f -> f.type().equals("counter"))
                .allSatisfy(f -> assertThat(f.samples())
                        .allMatch(s -> s.name().endsWith("_total") || s.name().endsWith("_created")));
    }

    static double delta(PrometheusText before, PrometheusText after, String sample, String... labels) {
        return after.valueOrZero(sample, labels) - before.valueOrZero(sample, labels);
    }
}
