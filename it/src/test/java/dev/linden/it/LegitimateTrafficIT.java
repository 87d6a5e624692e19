package dev.linden.it;

import static dev.linden.it.DetectionIT.alerts;
import static dev.linden.it.DetectionIT.bind;
import static dev.linden.it.DetectionIT.connect;
import static dev.linden.it.DetectionIT.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import dev.linden.observability.security.Detector;
import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What LDAP-backed applications do all day must never be punished by detection (issue 9, point 5),
 * with the default settings, over real sockets: a service account paging through its users several
 * times within minutes; and an hour of mixed traffic from several applications — a sync job listing
 * every user every five minutes (as Keycloak, Nextcloud and Gitea do), a web application logging
 * its users in (some mistype) and listing a group, SSSD-style enumeration, address-book look-ups and
 * a monitoring probe — replayed with the detector's clock moved a minute per round. Attacks mixed in
 * at the end are still stopped. Each application connects from its own loopback address.
 */
class LegitimateTrafficIT {
    private static final String SUFFIX = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + SUFFIX;
    private static final String SERVICES = "ou=services," + SUFFIX;
    private static final List<String> APPS = List.of("sync", "webapp", "sssd", "addressbook", "monitor");

    /** The sample directory, {@code users} more people (user.N, password pw-N), a 150-member group and the applications' accounts. */
    private static TestServer server(String config, int users) {
        StringBuilder ldif =
                new StringBuilder("dn: " + SERVICES + "\nobjectClass: organizationalUnit\nou: services\n\n");
        for (String app : APPS) {
            ldif.append("dn: cn=")
                    .append(app)
                    .append(',')
                    .append(SERVICES)
                    .append("\nobjectClass: applicationProcess\n")
                    .append("objectClass: simpleSecurityObject\ncn: ")
                    .append(app)
                    .append("\nuserPassword: ")
                    .append(app)
                    .append("-secret\n\n");
        }
        for (int i = 1; i <= users; i++) {
            ldif.append("dn: uid=user.")
                    .append(i)
                    .append(',')
                    .append(PEOPLE)
                    .append("\nobjectClass: inetOrgPerson\nuid: user.")
                    .append(i)
                    .append("\ncn: User ")
                    .append(i)
                    .append("\nsn: ")
                    .append(i)
                    .append("\nmail: user.")
                    .append(i)
                    .append("@example.com\nuserPassword: pw-")
                    .append(i)
                    .append("\n\n");
        }
        ldif.append("dn: cn=staff,ou=groups,").append(SUFFIX).append("\nobjectClass: groupOfNames\ncn: staff\n");
        for (int i = 1; i <= 150; i++) {
            ldif.append("member: uid=user.")
                    .append(i)
                    .append(',')
                    .append(PEOPLE)
                    .append('\n');
        }
        return TestServer.memory(config).loadResource("sample.ldif").loadLdif(ldif.toString());
    }

    private static LDAPConnection app(TestServer server, String name, String local) throws LDAPException {
        LDAPConnection c = connect(server, local);
        assertThat(bind(c, "cn=" + name + "," + SERVICES, name + "-secret")).isEqualTo(ResultCode.SUCCESS);
        return c;
    }

    /** A paged search to its end; returns the entries. Any refusal or failure is an exception. */
    private static int paged(LDAPConnection c, String base, String filter, int pageSize) throws LDAPException {
        SearchRequest r = new SearchRequest(base, SearchScope.SUB, filter, "cn", "mail");
        int entries = 0;
        byte[] cookie = null;
        do {
            r.setControls(new SimplePagedResultsControl(
                    pageSize, cookie == null ? null : new ASN1OctetString(cookie), false));
            SearchResult page = c.search(r);
            entries += page.getEntryCount();
            SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
            cookie = response != null && response.moreResultsToReturn()
                    ? response.getCookie().getValue()
                    : null;
        } while (cookie != null);
        return entries;
    }

    /** Who logs in at a minute's i-th login: spread over the directory, nobody twice in the hour. */
    private static int userAt(int minute, int i, int users) {
        return 1 + (minute * 10 + i) * 7 % users;
    }

    /** Access log lines of operations that detection delayed or refused. */
    private static List<String> enforced(TestServer server) throws Exception {
        return Files.readAllLines(server.logDir().resolve("access.log")).stream()
                .filter(l -> l.contains(" enforced="))
                .toList();
    }

    @Test
    void aServiceAccountPagingThroughItsUsersSeveralTimesWithinMinutesIsNeverThrottled() throws Exception {
        try (TestServer server = server("detection: {}\n", 147); // and the sample's three: 150 people
                LDAPConnection app = app(server, "webapp", "127.0.0.40")) {
            for (int i = 0; i < 8; i++) { // what every application does at login or sync: 150 users, 20 a page
                long start = System.nanoTime();
                assertThat(paged(app, PEOPLE, "(objectClass=inetOrgPerson)", 20))
                        .isEqualTo(150);
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("listing %d", i)
                        .isLessThan(5_000);
            }
            assertThat(enforced(server)).isEmpty();
            assertThat(alerts(events(server, e -> false))).isEmpty();
        }
    }

    @Test
    void anHourOfApplicationTrafficRaisesNoEnforcementWhileAttacksAreStillStopped() throws Exception {
        int users = 2500;
        // the product's defaults, with anonymous reading on (so an anonymous crawl can be tried) and room for a sync
        String config = "detection: {}\nthrottle: {}\nanonymousRead: true\nlimits: {sizeLimit: 10000}\n";
        try (TestServer server = server(config, users);
                LDAPConnection sync = app(server, "sync", "127.0.0.41");
                LDAPConnection webapp = app(server, "webapp", "127.0.0.42");
                LDAPConnection logins = connect(server, "127.0.0.42");
                LDAPConnection sssd = app(server, "sssd", "127.0.0.43");
                LDAPConnection addressbook = app(server, "addressbook", "127.0.0.44");
                LDAPConnection monitor = app(server, "monitor", "127.0.0.45")) {
            Detector detector = server.observability().detector();
            List<Long> alertsByMinute = new ArrayList<>();
            int typos = 0;
            for (int minute = 0; minute < 60; minute++) {
                if (minute % 5 == 1) { // the sync job lists every user, 500 a page, from the top of the tree
                    assertThat(paged(sync, SUFFIX, "(objectClass=inetOrgPerson)", 500))
                            .isEqualTo(users + 3);
                }
                if (minute % 5 == 3) { // SSSD-style enumeration of users and groups
                    assertThat(paged(sssd, PEOPLE, "(objectClass=person)", 1000))
                            .isEqualTo(users + 3);
                    assertThat(paged(sssd, "ou=groups," + SUFFIX, "(objectClass=groupOfNames)", 1000))
                            .isEqualTo(3);
                }
                for (int i = 0; i < 10; i++) { // ten logins a minute through the web application
                    // a typo now and then: by first-timers in the first minutes, later by users back from last minute
                    boolean typo = i == 3 && (minute < 8 || minute % 3 == 0);
                    int user = userAt(typo && minute >= 8 ? minute - 1 : minute, i, users);
                    SearchResult found = webapp.search(PEOPLE, SearchScope.SUB, "(uid=user." + user + ")", "1.1");
                    assertThat(found.getEntryCount()).isEqualTo(1);
                    String dn = found.getSearchEntries().get(0).getDN();
                    if (typo) {
                        assertThat(bind(logins, dn, "pw-" + user + "x")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                        typos++;
                    }
                    assertThat(bind(logins, dn, "pw-" + user)).as(dn).isEqualTo(ResultCode.SUCCESS);
                }
                assertThat(paged(webapp, SUFFIX, "(memberOf=cn=staff,ou=groups," + SUFFIX + ")", 50))
                        .isEqualTo(150);
                for (int book = 1; book <= 2; book++) { // address-book look-ups: a name's first digits, a mail
                    SearchResult names = addressbook.search(
                            PEOPLE, SearchScope.SUB, "(cn=User " + (40 + book * 60 + minute) + "*)", "cn", "mail");
                    assertThat(names.getEntryCount()).isEqualTo(11);
                }
                assertThat(addressbook
                                .search(PEOPLE, SearchScope.SUB, "(mail=user." + (minute + 1) + "@example.com)", "cn")
                                .getEntryCount())
                        .isEqualTo(1);
                assertThat(monitor.getRootDSE()).isNotNull(); // the probe
                assertThat(monitor.processExtendedOperation(new WhoAmIExtendedRequest())
                                .getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
                detector.skipAhead(60_000);
                detector.tick();
                alertsByMinute.add(detector.events("alert"));
            }
            assertThat(typos).isGreaterThan(20);
            assertThat(enforced(server))
                    .as("no operation of the hour was delayed or refused")
                    .isEmpty();
            assertThat(detector.offenders().any()).isFalse();
            assertThat(server.securityCounters().delayedBinds())
                    .as("nor a bind slowed")
                    .isZero();
            // the sync job and SSSD read past the floors until they are known: alerts only, and only while learning
            assertThat(alertsByMinute.get(59)).isEqualTo(alertsByMinute.get(25));
            List<JsonNode> learning = alerts(events(server, e -> false));
            assertThat(learning).allSatisfy(a -> {
                assertThat(a.get("detection").asText()).isEqualTo("enumeration");
                assertThat(a.get("action").asText()).isEqualTo("none");
                assertThat(a.get("offender").asText())
                        .isIn("identity cn=sync," + SERVICES, "identity cn=sssd," + SERVICES);
            });

            // attacks meanwhile: an anonymous crawl is throttled, a spray blocked; the applications go on unharmed
            try (LDAPConnection crawler = connect(server, "127.0.0.66")) {
                for (int i = 0;
                        i < 22;
                        i++) { // anonymous clients get 100 entries a search at most: it asks again and again
                    try {
                        crawler.search(
                                new SearchRequest(PEOPLE, SearchScope.SUB, "(cn=User " + (1 + i % 9) + "*)", "cn"));
                    } catch (LDAPSearchException e) {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
                        assertThat(e.getEntryCount()).isEqualTo(100);
                    }
                }
            }
            try (LDAPConnection sprayer = connect(server, "127.0.0.67")) {
                for (int i = 1; i <= 10; i++) {
                    assertThat(bind(sprayer, "uid=user." + (i * 7) + "," + PEOPLE, "Summer2025!"))
                            .isEqualTo(ResultCode.INVALID_CREDENTIALS);
                }
                assertThat(bind(sprayer, "uid=user.1," + PEOPLE, "pw-1")).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
            assertThat(paged(sync, SUFFIX, "(objectClass=inetOrgPerson)", 500)).isEqualTo(users + 3);
            assertThat(bind(logins, "uid=user.7," + PEOPLE, "pw-7")).isEqualTo(ResultCode.SUCCESS);
            List<JsonNode> attacks = alerts(events(server, e -> alerts(e).size() >= learning.size() + 2))
                    .subList(learning.size(), learning.size() + 2);
            assertThat(attacks)
                    .extracting(a -> a.get("detection").asText() + " "
                            + a.get("offender").asText() + " " + a.get("action").asText())
                    .containsExactlyInAnyOrder(
                            "enumeration address 127.0.0.66 throttle", "password_spray address 127.0.0.67 block");
            assertThat(enforced(server))
                    .isNotEmpty()
                    .allMatch(l -> l.contains(" client=127.0.0.66:") || l.contains(" client=127.0.0.67:"));
        }
    }
}
