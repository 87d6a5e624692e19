package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ProxiedAuthorizationV2RequestControl;
import dev.linden.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cn=Monitor over real sockets: live data for the root DN and administrators, nothing at all for anyone else. */
class MonitorIT {
    private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
    private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com"; // in cn=admins
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory("sasl: {proxyUsers: [\"" + BOB + "\"]}\n").loadResource("sample.ldif");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LDAPConnection as(String dn, String password) throws LDAPException {
        return new LDAPConnection("127.0.0.1", server.port(), dn, password);
    }

    private static LDAPConnection admin() throws LDAPException {
        return as(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    @Test
    void theRootDnReadsLiveData() throws Exception {
        try (LDAPConnection c = admin();
                LDAPConnection bob = as(BOB, "bob-password")) {
            bob.search("dc=example,dc=com", SearchScope.SUB, "(uid=carol)");
            SearchResult all = c.search("cn=Monitor", SearchScope.SUB, "(objectClass=*)", "*", "+");
            List<String> dns = all.getSearchEntries().stream()
                    .map(SearchResultEntry::getDN)
                    .toList();
            assertThat(dns.get(0)).isEqualTo("cn=Monitor");
            assertThat(dns)
                    .contains(
                            "cn=Time,cn=Monitor",
                            "cn=Connections,cn=Monitor",
                            "cn=Operations,cn=Monitor",
                            "cn=Search,cn=Operations,cn=Monitor",
                            "cn=Listener 0,cn=Listeners,cn=Monitor",
                            "cn=Failed Binds,cn=Security,cn=Monitor",
                            "cn=Size,cn=Store,cn=Monitor",
                            "cn=Hits,cn=Entry Cache,cn=Monitor");
            SearchResultEntry root = all.getSearchEntry("cn=Monitor");
            assertThat(root.getAttributeValue("monitoredInfo")).isEqualTo("Linden " + dev.linden.server.Linden.VERSION);
            assertThat(root.getAttributeValues("objectClass")).contains("monitorServer");
            SearchResultEntry listener = all.getSearchEntry("cn=Listener 0,cn=Listeners,cn=Monitor");
            assertThat(listener.getAttributeValue("labeledURI")).isEqualTo("ldap://127.0.0.1:" + server.port());

            List<SearchResultEntry> connections = all.getSearchEntries().stream()
                    .filter(e -> e.getDN().startsWith("cn=Connection "))
                    .toList();
            assertThat(connections).hasSize(2);
            assertThat(connections)
                    .extracting(e -> e.getAttributeValue("monitorConnectionAuthzDN"))
                    .containsExactlyInAnyOrder("cn=admin,dc=example,dc=com", BOB);
            SearchResultEntry mine = connections.stream()
                    .filter(e -> e.getAttributeValue("monitorConnectionAuthzDN").startsWith("cn=admin"))
                    .findFirst()
                    .get();
            assertThat(mine.getAttributeValue("monitorConnectionOpsExecuting")).isEqualTo("1"); // this search
            assertThat(mine.getAttributeValue("monitorConnectionMask")).isEqualTo("clear");
            assertThat(mine.getAttributeValue("monitorConnectionListener")).isEqualTo("ldap");
            assertThat(mine.getAttributeValue("monitorConnectionPeerAddress")).startsWith("IP=127.0.0.1:");
            assertThat(mine.getAttributeValue("monitorConnectionStartTime")).matches("\\d{14}Z");

            long searches = Long.parseLong(
                    all.getSearchEntry("cn=Search,cn=Operations,cn=Monitor").getAttributeValue("monitorOpCompleted"));
            assertThat(searches).isGreaterThanOrEqualTo(1);
            SearchResultEntry again =
                    c.getEntry("cn=Search,cn=Operations,cn=Monitor", "monitorOpCompleted", "monitorOpInitiated");
            assertThat(Long.parseLong(again.getAttributeValue("monitorOpCompleted")))
                    .isEqualTo(searches + 1);
            assertThat(Long.parseLong(again.getAttributeValue("monitorOpInitiated")))
                    .isEqualTo(searches + 2);
        }
    }

    @Test
    void theEntryCacheShowsItsBudgetAndServesAnEntryReadAgain() throws Exception {
        try (LDAPConnection c = admin();
                LDAPConnection bob = as(BOB, "bob-password")) {
            long hits = counter(c, "cn=Hits,cn=Entry Cache,cn=Monitor");
            for (int i = 0; i < 3; i++) {
                assertThat(bob.search("dc=example,dc=com", SearchScope.SUB, "(uid=carol)")
                                .getEntryCount())
                        .isEqualTo(1);
            }
            assertThat(counter(c, "cn=Hits,cn=Entry Cache,cn=Monitor") - hits)
                    .as("carol decoded once, then served")
                    .isGreaterThanOrEqualTo(2);
            assertThat(counter(c, "cn=Max Bytes,cn=Entry Cache,cn=Monitor")).isEqualTo(32L << 20);
            long bytes = counter(c, "cn=Bytes,cn=Entry Cache,cn=Monitor");
            assertThat(bytes).isPositive().isLessThanOrEqualTo(32L << 20);
            assertThat(counter(c, "cn=Entries,cn=Entry Cache,cn=Monitor")).isPositive();
        }
    }

    private static long counter(LDAPConnection c, String dn) throws LDAPException {
        return c.getEntry(dn, "monitorCounter").getAttributeValueAsLong("monitorCounter");
    }

    @Test
    void userAttributesOnlyWithoutThePlus() throws Exception {
        try (LDAPConnection c = admin()) {
            SearchResultEntry e = c.getEntry("cn=Monitor");
            assertThat(e.getAttributeValue("cn")).isEqualTo("Monitor");
            assertThat(e.hasAttribute("monitoredInfo")).isFalse(); // operational, as in slapd: ask with "+"
            SearchResult one = c.search("cn=Monitor", SearchScope.ONE, "(objectClass=monitorContainer)", "1.1");
            assertThat(one.getSearchEntries())
                    .extracting(SearchResultEntry::getDN)
                    .contains("cn=Time,cn=Monitor", "cn=Connections,cn=Monitor", "cn=Security,cn=Monitor")
                    .doesNotContain("cn=Operations,cn=Monitor");
            SearchResult counters =
                    c.search("cn=Connections,cn=Monitor", SearchScope.SUB, "(monitorCounter>=1)", "monitorCounter");
            assertThat(counters.getSearchEntries())
                    .extracting(SearchResultEntry::getDN)
                    .contains("cn=Current,cn=Connections,cn=Monitor", "cn=Total,cn=Connections,cn=Monitor");
            assertThat(c.compare(new CompareRequest(
                                    "cn=Current,cn=Connections,cn=Monitor", "objectClass", "monitorCounterObject"))
                            .compareMatched())
                    .isTrue();
            LDAPSearchException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    LDAPSearchException.class,
                    () -> c.search("cn=Nothing,cn=Monitor", SearchScope.BASE, "(objectClass=*)"));
            assertThat(missing.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            assertThat(missing.getMatchedDN()).isEqualTo("cn=Monitor");
        }
    }

    @Test
    void administratorsReadItTooAndNobodyWritesIt() throws Exception {
        try (LDAPConnection alice = as(ALICE, "alice-password")) {
            assertThat(alice.search("cn=monitor", SearchScope.SUB, "(objectClass=*)")
                            .getEntryCount())
                    .isGreaterThan(20);
            LDAPException e = org.junit.jupiter.api.Assertions.assertThrows(
                    LDAPException.class,
                    () -> alice.modify("cn=Monitor", new Modification(ModificationType.REPLACE, "description", "x")));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        }
    }

    @Test
    void anonymousAndOrdinaryUsersFindNothing() throws Exception {
        try (LDAPConnection anonymous = new LDAPConnection("127.0.0.1", server.port());
                LDAPConnection bob = as(BOB, "bob-password")) {
            for (LDAPConnection c : List.of(anonymous, bob)) {
                for (SearchScope scope : List.of(SearchScope.BASE, SearchScope.ONE, SearchScope.SUB)) {
                    LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(
                            LDAPSearchException.class, () -> c.search("cn=Monitor", scope, "(objectClass=*)"));
                    LDAPSearchException elsewhere = org.junit.jupiter.api.Assertions.assertThrows(
                            LDAPSearchException.class, () -> c.search("cn=Elsewhere", scope, "(objectClass=*)"));
                    assertThat(e.getResultCode())
                            .isEqualTo(ResultCode.NO_SUCH_OBJECT)
                            .isEqualTo(elsewhere.getResultCode());
                    assertThat(e.getMatchedDN()).isNull();
                    assertThat(e.getSearchEntries()).isEmpty();
                }
                assertThatThrownBy(() -> c.compare("cn=Current,cn=Connections,cn=Monitor", "monitorCounter", "1"))
                        .isInstanceOfSatisfying(
                                LDAPException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
                assertThatThrownBy(() -> c.delete("cn=Uptime,cn=Time,cn=Monitor"))
                        .isInstanceOfSatisfying(
                                LDAPException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
            }
            // a proxy user asking as the root DN is not let in either: refused as for any other name, since
            // cn=Monitor is answered behind the proxied authorization check like every entry
            SearchRequest r = new SearchRequest("cn=Monitor", SearchScope.BASE, "(objectClass=*)");
            r.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + TestServer.ADMIN_DN));
            LDAPSearchException proxied =
                    org.junit.jupiter.api.Assertions.assertThrows(LDAPSearchException.class, () -> bob.search(r));
            SearchRequest ordinary = new SearchRequest("dc=example,dc=com", SearchScope.BASE, "(objectClass=*)");
            ordinary.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + TestServer.ADMIN_DN));
            LDAPSearchException asRoot = org.junit.jupiter.api.Assertions.assertThrows(
                    LDAPSearchException.class, () -> bob.search(ordinary));
            assertThat(proxied.getResultCode())
                    .isEqualTo(asRoot.getResultCode())
                    .isEqualTo(ResultCode.AUTHORIZATION_DENIED);
            assertThat(proxied.getSearchEntries()).isEmpty();
            // and as a reader of cn=Monitor (alice is an administrator), the proxy finds nothing: not through a proxy
            SearchRequest asAlice = new SearchRequest("cn=Monitor", SearchScope.BASE, "(objectClass=*)");
            asAlice.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + ALICE));
            LDAPSearchException viaAlice =
                    org.junit.jupiter.api.Assertions.assertThrows(LDAPSearchException.class, () -> bob.search(asAlice));
            assertThat(viaAlice.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            SearchRequest aliceEntry = new SearchRequest(ALICE, SearchScope.BASE, "(objectClass=*)");
            aliceEntry.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + ALICE));
            assertThat(bob.search(aliceEntry).getEntryCount())
                    .as("the same proxy reads ordinary entries as alice")
                    .isOne();
        }
    }

    @Test
    void openLdapToolsReadIt() throws Exception {
        var run = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                server.url(),
                "-D",
                TestServer.ADMIN_DN,
                "-w",
                TestServer.ADMIN_PASSWORD,
                "-b",
                "cn=Uptime,cn=Time,cn=Monitor",
                "-s",
                "base",
                "+");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("dn: cn=Uptime,cn=Time,cn=Monitor").containsPattern("monitoredInfo: \\d+");
        var denied = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                server.url(),
                "-D",
                BOB,
                "-w",
                "bob-password",
                "-b",
                "cn=Monitor",
                "-s",
                "base");
        assertThat(denied.exit()).isEqualTo(32);
    }

    @Test
    void configuredReadersReplaceTheAdministrators() throws Exception {
        try (TestServer s = TestServer.memory("monitor: {readers: [{dn: \"" + BOB + "\"}]}\n")
                        .loadResource("sample.ldif");
                LDAPConnection bob = new LDAPConnection("127.0.0.1", s.port(), BOB, "bob-password");
                LDAPConnection alice = new LDAPConnection("127.0.0.1", s.port(), ALICE, "alice-password")) {
            assertThat(bob.getEntry("cn=Monitor")).isNotNull();
            assertThat(alice.getEntry("cn=Monitor")).isNull();
        }
        try (TestServer s = TestServer.memory("monitor: {enabled: false}\n").loadResource("sample.ldif");
                LDAPConnection admin =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(admin.getEntry("cn=Monitor")).isNull();
        }
    }

    /** cn=Monitor is answered behind the dispatcher, so the checks every request gets apply to it too. */
    @Test
    void anUnknownCriticalControlIsRefusedForCnMonitorToo() throws Exception {
        try (LDAPConnection admin = admin()) {
            SearchRequest r = new SearchRequest("cn=Monitor", SearchScope.BASE, "(objectClass=*)");
            r.addControl(new Control("1.3.6.1.4.1.99999.1", true));
            LDAPSearchException e =
                    org.junit.jupiter.api.Assertions.assertThrows(LDAPSearchException.class, () -> admin.search(r));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
            CompareRequest compare =
                    new CompareRequest("cn=Current,cn=Connections,cn=Monitor", "objectClass", "monitorCounterObject");
            compare.addControl(new Control("1.3.6.1.4.1.99999.1", true));
            assertThatThrownBy(() -> admin.compare(compare))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            x -> assertThat(x.getResultCode()).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION));
            r.setControls(new Control("1.3.6.1.4.1.99999.1", false)); // not critical: ignored
            assertThat(admin.search(r).getEntryCount()).isOne();
        }
    }

    @Test
    void requireTlsHoldsForCnMonitorToo() throws Exception {
        try (TestServer strict = TestServer.memoryWithTls("security: {requireTls: true, loopbackExempt: false}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c = new LDAPConnection("127.0.0.1", strict.port())) {
            LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(
                    LDAPSearchException.class, () -> c.search("cn=Monitor", SearchScope.BASE, "(objectClass=*)"));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED);
        }
    }

    @Test
    void aSessionThatMustChangeItsPasswordCannotReadCnMonitor() throws Exception {
        try (TestServer s =
                TestServer.memory("passwordPolicy: {mustChange: true}\n").loadResource("sample.ldif")) {
            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                admin.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "Reset-By-Admin-42"));
            }
            try (LDAPConnection alice = new LDAPConnection("127.0.0.1", s.port(), ALICE, "Reset-By-Admin-42")) {
                LDAPSearchException e = org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPSearchException.class,
                        () -> alice.search("cn=Monitor", SearchScope.BASE, "(objectClass=*)"));
                assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                alice.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "Changed-By-Alice-42"));
                assertThat(alice.search("cn=Monitor", SearchScope.BASE, "(objectClass=*)")
                                .getEntryCount())
                        .as("readable once the password is changed")
                        .isOne();
            }
        }
    }
}
