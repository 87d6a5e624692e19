package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/**
 * Attacks replayed against a running server — a password spray, a brute force against one account,
 * an enumeration crawl, probes for secrets — with the security events, metrics, cn=Monitor alerts
 * and throttling they must cause; and ordinary traffic mixed in, which must raise nothing. Attackers
 * connect from their own loopback addresses (127.0.0.x), ordinary clients from 127.0.0.1.
 */
class DetectionIT {
    private static final String SUFFIX = "dc=example,dc=com";
    private static final int USERS = 300;
    private static final int DELAY = 400;
    private static final String CONFIG = """
            metrics: {port: 0}
            passwordPolicy: {lockout: true, mustChange: false}
            detection:
              throttleDelayMillis: %d
              passwordSpray: {accounts: 10, windowSeconds: 300, action: block, actionSeconds: 120}
              bruteForce: {failures: 8, windowSeconds: 300, action: throttle, actionSeconds: 120}
              enumeration: {entries: 200, broadSearches: 3, pages: 10, windowSeconds: 300, action: block, actionSeconds: 120}
              secretProbes: {probes: 3, windowSeconds: 300, action: none}
            """.formatted(DELAY);

    private static TestServer server() {
        StringBuilder ldif = new StringBuilder();
        for (int i = 1; i <= USERS; i++) {
            ldif.append("dn: uid=user.")
                    .append(i)
                    .append(",ou=people,")
                    .append(SUFFIX)
                    .append("\nobjectClass: inetOrgPerson\nuid: user.")
                    .append(i)
                    .append("\ncn: User ")
                    .append(i)
                    .append("\nsn: ")
                    .append(i)
                    .append("\nuserPassword: pw-")
                    .append(i)
                    .append("\n\n");
        }
        ldif.append("dn: uid=crawler,ou=people,")
                .append(SUFFIX)
                .append("\nobjectClass: inetOrgPerson\nuid: crawler\ncn: Crawler\nsn: C\nuserPassword: crawl\n\n");
        return TestServer.memory(CONFIG).loadResource("sample.ldif").loadLdif(ldif.toString());
    }

    /** A socket factory whose sockets leave from this local address: one loopback address per attacker. */
    static SocketFactory from(String local) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(local, 0));
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                Socket s = createSocket();
                s.connect(new InetSocketAddress(host, port));
                return s;
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return createSocket(host, port);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                Socket s = createSocket();
                s.connect(new InetSocketAddress(host, port));
                return s;
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return createSocket(address, port);
            }
        };
    }

    static LDAPConnection connect(TestServer server, String local) throws LDAPException {
        return new LDAPConnection(from(local), "127.0.0.1", server.port());
    }

    static ResultCode bind(LDAPConnection c, String dn, String password) {
        try {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    /**
     * Ordinary users going about their business from 127.0.0.1 on their own threads while an attack
     * runs: lookups, their own entries, a group, a list of groups, a typo in a password. Every answer must
     * be a success (or the typo's invalidCredentials), and none may be delayed or refused.
     */
    static final class OrdinaryTraffic implements AutoCloseable {
        final List<String> problems = new CopyOnWriteArrayList<>();
        final AtomicLong operations = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        OrdinaryTraffic(TestServer server) {
            for (String[] user : List.of(
                    new String[] {"alice", "alice-password"},
                    new String[] {"bob", "bob-password"},
                    new String[] {"user.7", "pw-7"})) {
                Thread t = new Thread(() -> run(server, user[0], user[1]), "ordinary-" + user[0]);
                t.start();
                threads.add(t);
            }
        }

        private void run(TestServer server, String uid, String password) {
            String dn = "uid=" + uid + ",ou=people," + SUFFIX;
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                int round = 0;
                while (!stop.get()) {
                    round++;
                    if (round == 3) { // one typo now and then
                        expect(c, "typo", bind(c, dn, password + "x"), ResultCode.INVALID_CREDENTIALS);
                    }
                    expect(c, "bind", bind(c, dn, password), ResultCode.SUCCESS);
                    search(
                            c,
                            new SearchRequest(
                                    SUFFIX, SearchScope.SUB, "(uid=user." + (round % USERS + 1) + ")", "cn", "mail"),
                            1);
                    search(c, new SearchRequest(dn, SearchScope.BASE, "(objectClass=*)"), 1);
                    search(
                            c,
                            new SearchRequest(
                                    "cn=developers,ou=groups," + SUFFIX, SearchScope.BASE, "(objectClass=*)", "member"),
                            1);
                    search(c, new SearchRequest("ou=people," + SUFFIX, SearchScope.SUB, "(cn=Bob*)", "cn"), 1);
                    search(c, new SearchRequest("ou=groups," + SUFFIX, SearchScope.ONE, "(cn=*)", "cn"), 2);
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                problems.add(uid + ": " + e);
            }
        }

        private void search(LDAPConnection c, SearchRequest r, int expected) {
            operations.incrementAndGet();
            try {
                SearchResult result = c.search(r);
                if (result.getEntryCount() != expected) {
                    problems.add(r + " returned " + result.getEntryCount());
                }
            } catch (LDAPSearchException e) {
                problems.add(r + ": " + e.getResultCode());
            }
        }

        private void expect(LDAPConnection c, String what, ResultCode actual, ResultCode expected) {
            if (actual != expected) {
                problems.add(what + ": " + actual);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    /** The security log's events (JSON lines), waiting until {@code until} holds (the log is written in the background). */
    static List<JsonNode> events(TestServer server, Predicate<List<JsonNode>> until) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(server.logDir().resolve("security.log"))) {
                events.add(json.readTree(line));
            }
            if (until.test(events) || System.currentTimeMillis() > deadline) {
                return events;
            }
            Thread.sleep(50);
        }
    }

    static List<JsonNode> alerts(List<JsonNode> events) {
        return events.stream()
                .filter(e -> e.get("event").asText().equals("alert"))
                .toList();
    }

    static void assertOrdinaryTrafficUntouched(TestServer server, OrdinaryTraffic ordinary, List<JsonNode> events)
            throws IOException {
        assertThat(ordinary.problems).isEmpty();
        assertThat(ordinary.operations.get()).isGreaterThan(30);
        // the access log marks every operation that detection delayed or refused: none of theirs
        List<String> theirs = Files.readAllLines(server.logDir().resolve("access.log")).stream()
                .filter(l -> l.contains(" client=127.0.0.1:"))
                .toList();
        assertThat(theirs).hasSizeGreaterThan(30).noneMatch(l -> l.contains(" enforced="));
        for (JsonNode alert : alerts(events)) {
            assertThat(alert.get("offender").asText()).doesNotContain("127.0.0.1", "alice", "bob", "user.7,");
        }
    }

    @Test
    void passwordSprayIsBlocked() throws Exception {
        try (TestServer server = server();
                OrdinaryTraffic ordinary = new OrdinaryTraffic(server)) {
            PrometheusText before = MetricsIT.scrape(server.metricsPort());
            List<ResultCode> results = new ArrayList<>();
            try (LDAPConnection attacker = connect(server, "127.0.0.66")) {
                for (int i = 1; i <= 12; i++) { // one password tried against many accounts, some of them missing
                    String account = i % 4 == 0
                            ? "uid=former" + i + ",ou=people," + SUFFIX
                            : "uid=user." + i + ",ou=people," + SUFFIX;
                    results.add(bind(attacker, account, "Winter2025!"));
                }
                assertThat(results.subList(0, 10)).containsOnly(ResultCode.INVALID_CREDENTIALS);
                assertThat(results.subList(10, 12)).containsOnly(ResultCode.UNWILLING_TO_PERFORM); // blocked
                assertThat(bind(attacker, "uid=user.1,ou=people," + SUFFIX, "pw-1"))
                        .isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
            try (LDAPConnection again = connect(server, "127.0.0.66")) { // a new connection from there is refused too
                LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPSearchException.class, () -> again.search(SUFFIX, SearchScope.BASE, "(objectClass=*)"));
                assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                assertThat(e.getDiagnosticMessage()).contains("password_spray");
            }
            try (LDAPConnection elsewhere = connect(server, "127.0.0.67")) {
                assertThat(bind(elsewhere, "uid=user.1,ou=people," + SUFFIX, "pw-1"))
                        .isEqualTo(ResultCode.SUCCESS);
            }
            Thread.sleep(300);
            ordinary.close();

            List<JsonNode> events = events(server, e -> alerts(e).size() >= 1);
            List<JsonNode> alerts = alerts(events);
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.get("detection").asText()).isEqualTo("password_spray");
            assertThat(alert.get("offender").asText()).isEqualTo("address 127.0.0.66");
            assertThat(alert.get("accounts").asInt()).isEqualTo(10);
            assertThat(alert.get("action").asText()).isEqualTo("block");
            assertThat(alert.get("severity").asText()).isEqualTo("warning");
            assertThat(alert.get("client").asText()).startsWith("127.0.0.66:");
            List<JsonNode> failures = events.stream()
                    .filter(e -> e.get("event").asText().equals("bind_failure")
                            && e.get("client").asText().startsWith("127.0.0.66:"))
                    .toList();
            // the ten guesses; the three binds refused after are in the access log and the metrics
            assertThat(failures)
                    .extracting(e -> e.get("reason").asText())
                    .hasSize(10)
                    .containsOnly("wrong_password", "no_such_entry")
                    .filteredOn("no_such_entry"::equals)
                    .hasSize(2);
            assertThat(events.toString()).doesNotContain("Winter2025!", "pw-1\"");

            PrometheusText after = MetricsIT.scrape(server.metricsPort());
            assertThat(MetricsIT.delta(
                            before, after, "linden_security_detections_total", "detection", "password_spray"))
                    .isEqualTo(1);
            assertThat(after.value("linden_security_alerts_active", "detection", "password_spray"))
                    .isEqualTo(1);
            assertThat(after.value("linden_throttled_clients", "action", "block"))
                    .isEqualTo(1);
            assertThat(MetricsIT.delta(before, after, "linden_bind_failures_total", "reason", "refused"))
                    .isEqualTo(3);
            assertThat(MetricsIT.delta(before, after, "linden_enforced_operations_total", "action", "refused"))
                    .isEqualTo(4);
            for (String d : List.of("brute_force", "enumeration", "secret_probes")) {
                assertThat(after.value("linden_security_detections_total", "detection", d))
                        .as(d)
                        .isZero();
            }
            assertOrdinaryTrafficUntouched(server, ordinary, events);

            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                SearchResult monitor =
                        admin.search("cn=Alerts,cn=Security,cn=Monitor", SearchScope.SUB, "(objectClass=*)", "*", "+");
                assertThat(monitor.getSearchEntry("cn=Alerts,cn=Security,cn=Monitor")
                                .getAttributeValue("monitorCounter"))
                        .isEqualTo("1");
                SearchResultEntry a = monitor.getSearchEntries().get(1);
                assertThat(a.getAttributeValues("monitoredInfo"))
                        .contains("detection=password_spray", "offender=address 127.0.0.66", "action=block");
                assertThat(a.getAttributeValue("description"))
                        .contains("10 distinct accounts failed to bind from 127.0.0.66");
            }
        }
    }

    @Test
    void bruteForceAgainstOneAccountIsThrottledAndTheAccountLocked() throws Exception {
        try (TestServer server = server();
                OrdinaryTraffic ordinary = new OrdinaryTraffic(server)) {
            PrometheusText before = MetricsIT.scrape(server.metricsPort());
            String victim = "uid=carol,ou=people," + SUFFIX;
            for (int i = 0; i < 8; i++) { // from four addresses, two guesses each: no address sprays
                try (LDAPConnection c = connect(server, "127.0.0." + (21 + i % 4))) {
                    assertThat(bind(c, victim, "guess-" + i)).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                }
            }
            try (LDAPConnection c =
                    connect(server, "127.0.0.30")) { // the account's binds now wait, wherever they come from
                long start = System.nanoTime();
                // the password policy locked the account at the fifth failure: even the right password fails
                assertThat(bind(c, victim, "carol-password")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(DELAY);
                assertThat(bind(c, "uid=bob,ou=people," + SUFFIX, "bob-password"))
                        .isEqualTo(ResultCode.SUCCESS);
            }
            List<String> binds = List.of();
            for (long deadline = System.currentTimeMillis() + 5000;
                    binds.size() < 2 && System.currentTimeMillis() < deadline; ) {
                Thread.sleep(50); // the access log is written behind the operations
                binds = Files.readAllLines(server.logDir().resolve("access.log")).stream()
                        .filter(l -> l.contains(" client=127.0.0.30:") && l.contains(" BIND "))
                        .toList();
            }
            assertThat(binds).hasSize(2);
            assertThat(binds.get(0)).contains("dn=\"" + victim + "\"", "err=49", "enforced=throttle");
            assertThat(binds.get(1)).contains("dn=\"uid=bob,").doesNotContain("enforced=");
            Thread.sleep(300);
            ordinary.close();

            List<JsonNode> events = events(server, e -> alerts(e).size() >= 1);
            List<JsonNode> alerts = alerts(events);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).get("detection").asText()).isEqualTo("brute_force");
            assertThat(alerts.get(0).get("offender").asText()).isEqualTo("account " + victim);
            assertThat(alerts.get(0).get("failures").asInt()).isEqualTo(8);
            assertThat(alerts.get(0).get("addresses").asInt()).isEqualTo(4);
            assertThat(alerts.get(0).get("action").asText()).isEqualTo("throttle");
            List<String> reasons = events.stream()
                    .filter(e -> e.get("event").asText().equals("bind_failure")
                            && e.get("account").asText().equals(victim))
                    .map(e -> e.get("reason").asText())
                    .toList();
            assertThat(reasons)
                    .containsExactly(
                            "wrong_password",
                            "wrong_password",
                            "wrong_password",
                            "wrong_password",
                            "wrong_password",
                            "locked",
                            "locked",
                            "locked",
                            "locked");
            assertThat(events)
                    .filteredOn(e -> e.get("event").asText().equals("lockout"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("account").asText()).isEqualTo(victim));
            PrometheusText after = MetricsIT.scrape(server.metricsPort());
            assertThat(MetricsIT.delta(before, after, "linden_security_detections_total", "detection", "brute_force"))
                    .isEqualTo(1);
            assertThat(MetricsIT.delta(
                            before, after, "linden_security_detections_total", "detection", "password_spray"))
                    .isZero();
            assertThat(MetricsIT.delta(before, after, "linden_lockouts_total")).isEqualTo(1);
            assertThat(MetricsIT.delta(before, after, "linden_bind_failures_total", "reason", "locked"))
                    .isEqualTo(4);
            assertThat(after.value("linden_throttled_clients", "action", "throttle"))
                    .isEqualTo(1);
            assertThat(MetricsIT.delta(before, after, "linden_enforced_operations_total", "action", "delayed"))
                    .isEqualTo(1);
            assertOrdinaryTrafficUntouched(server, ordinary, events);
        }
    }

    @Test
    void enumerationCrawlIsDetectedAndBlocked() throws Exception {
        try (TestServer server = server();
                OrdinaryTraffic ordinary = new OrdinaryTraffic(server)) {
            PrometheusText before = MetricsIT.scrape(server.metricsPort());
            String crawler = "uid=crawler,ou=people," + SUFFIX;
            try (LDAPConnection c = connect(server, "127.0.0.77")) {
                assertThat(bind(c, crawler, "crawl")).isEqualTo(ResultCode.SUCCESS);
                // walks the people with paged results, 20 at a time: further pages, and entries, add up
                SearchRequest r =
                        new SearchRequest("ou=people," + SUFFIX, SearchScope.ONE, "(objectClass=person)", "cn", "mail");
                int pages = 0;
                int entries = 0;
                byte[] cookie = null;
                ResultCode refused = null;
                do {
                    r.setControls(new SimplePagedResultsControl(
                            20, cookie == null ? null : new com.unboundid.asn1.ASN1OctetString(cookie), false));
                    SearchResult page;
                    try {
                        page = c.search(r);
                    } catch (LDAPSearchException e) {
                        refused = e.getResultCode();
                        break;
                    }
                    pages++;
                    entries += page.getEntryCount();
                    SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
                    cookie = response.moreResultsToReturn()
                            ? response.getCookie().getValue()
                            : null;
                } while (cookie != null);
                assertThat(refused).as("the walk is cut short").isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                assertThat(entries).isEqualTo(200); // the tenth entry over the threshold came with the tenth page
                assertThat(pages).isEqualTo(10);
                LDAPSearchException blocked = org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPSearchException.class, () -> c.search(SUFFIX, SearchScope.SUB, "(objectClass=*)"));
                assertThat(blocked.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
            try (LDAPConnection c = connect(server, "127.0.0.78")) { // the identity is blocked, from anywhere
                assertThat(bind(c, crawler, "crawl")).isEqualTo(ResultCode.SUCCESS); // binding tells who it is
                LDAPSearchException blocked = org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPSearchException.class, () -> c.search(SUFFIX, SearchScope.BASE, "(objectClass=*)"));
                assertThat(blocked.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
            Thread.sleep(300);
            ordinary.close();

            List<JsonNode> events = events(server, e -> alerts(e).size() >= 1);
            List<JsonNode> alerts = alerts(events);
            assertThat(alerts).hasSize(1);
            JsonNode alert = alerts.get(0);
            assertThat(alert.get("detection").asText()).isEqualTo("enumeration");
            assertThat(alert.get("offender").asText()).isEqualTo("identity " + crawler);
            assertThat(alert.get("entries").asInt()).isEqualTo(200);
            assertThat(alert.get("pages").asInt()).isEqualTo(9);
            assertThat(alert.get("action").asText()).isEqualTo("block");
            PrometheusText after = MetricsIT.scrape(server.metricsPort());
            assertThat(MetricsIT.delta(before, after, "linden_security_detections_total", "detection", "enumeration"))
                    .isEqualTo(1);
            assertThat(after.value("linden_throttled_clients", "action", "block"))
                    .isEqualTo(1);
            assertOrdinaryTrafficUntouched(server, ordinary, events);
        }
    }

    @Test
    void broadSearchesOverTheWholeTreeAndSecretProbes() throws Exception {
        try (TestServer server = server();
                OrdinaryTraffic ordinary = new OrdinaryTraffic(server)) {
            String crawler = "uid=crawler,ou=people," + SUFFIX;
            try (LDAPConnection c = connect(server, "127.0.0.88")) {
                assertThat(bind(c, crawler, "crawl")).isEqualTo(ResultCode.SUCCESS);
                for (String filter : List.of("(objectClass=*)", "(uid=*)")) {
                    SearchRequest r = new SearchRequest(SUFFIX, SearchScope.SUB, filter, "1.1");
                    r.setSizeLimit(5);
                    try {
                        c.search(r);
                    } catch (LDAPSearchException e) {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
                    }
                }
                for (String guess : List.of("(userPassword=a*)", "(userPassword=b*)", "(userPassword=c*)")) {
                    assertThat(c.search("ou=people," + SUFFIX, SearchScope.SUB, guess)
                                    .getEntryCount())
                            .isZero();
                }
                // the third broad search from the top: enumeration, blocked
                SearchRequest third = new SearchRequest(SUFFIX, SearchScope.SUB, "(!(uid=nobody))", "1.1");
                third.setSizeLimit(1);
                try {
                    c.search(third);
                } catch (LDAPSearchException e) {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
                }
                LDAPSearchException blocked = org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPSearchException.class, () -> c.search(SUFFIX, SearchScope.BASE, "(objectClass=*)"));
                assertThat(blocked.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
            Thread.sleep(300);
            ordinary.close();
            List<JsonNode> events = events(server, e -> alerts(e).size() >= 2);
            List<JsonNode> alerts = alerts(events);
            assertThat(alerts)
                    .extracting(a -> a.get("detection").asText())
                    .containsExactly("secret_probes", "enumeration");
            assertThat(alerts.get(0).get("probes").asInt()).isEqualTo(3);
            assertThat(alerts.get(0).get("action").asText()).isEqualTo("none");
            assertThat(alerts.get(1).get("broadSearches").asInt()).isEqualTo(3);
            assertThat(events)
                    .filteredOn(e -> e.get("event").asText().equals("secret_probe"))
                    .hasSize(3)
                    .allSatisfy(e -> assertThat(e.get("attribute").asText()).isEqualTo("userPassword"));
            assertThat(events.toString()).doesNotContain("(userPassword=a*)");
            assertOrdinaryTrafficUntouched(server, ordinary, events);
        }
    }

    @Test
    void theRootDnAndOrdinaryTrafficAloneRaiseNothing() throws Exception {
        try (TestServer server = server();
                OrdinaryTraffic ordinary = new OrdinaryTraffic(server)) {
            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                for (int i = 0; i < 5; i++) { // the administrator's exports are not enumeration
                    assertThat(admin.search(SUFFIX, SearchScope.SUB, "(objectClass=*)")
                                    .getEntryCount())
                            .isGreaterThan(USERS);
                }
            }
            Thread.sleep(2000);
            ordinary.close();
            PrometheusText p = MetricsIT.scrape(server.metricsPort());
            List<JsonNode> events = events(server, e -> false);
            assertThat(alerts(events)).isEmpty();
            assertThat(events).extracting(e -> e.get("event").asText()).containsOnly("bind_failure"); // the typos
            for (String d : List.of("password_spray", "brute_force", "enumeration", "secret_probes")) {
                assertThat(p.value("linden_security_detections_total", "detection", d))
                        .as(d)
                        .isZero();
            }
            assertThat(p.value("linden_throttled_clients", "action", "throttle"))
                    .isZero();
            assertThat(p.value("linden_throttled_clients", "action", "block")).isZero();
            assertOrdinaryTrafficUntouched(server, ordinary, events);
        }
    }
}
