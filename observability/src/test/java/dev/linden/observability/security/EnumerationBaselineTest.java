package dev.linden.observability.security;

import static dev.linden.observability.security.Records.NEXT_PAGE;
import static dev.linden.observability.security.Records.search;
import static dev.linden.observability.security.Records.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Session;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.protocol.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Enumeration is reading much more than that reader usually does (issue 9, point 5): learnt per
 * identity and anonymous address, with floors, fading; alerts only for identities by default,
 * throttling for anonymous crawls. Against a test clock, with the default settings unless said.
 */
class EnumerationBaselineTest {
    private static final String PEOPLE = "ou=people,dc=example,dc=com";
    private static final long MINUTE = 60_000;
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<SecurityEvent> events = new ArrayList<>();
    private final FamiliarAddresses familiar = new FamiliarAddresses(30 * 86_400_000L, Records.clock(clock::get));

    private Detector detector(DetectionSettings.Enumeration en) throws Exception {
        DetectionSettings d = DetectionSettings.DEFAULT;
        return Records.detector(
                new DetectionSettings(
                        true,
                        d.passwordSpray(),
                        d.bruteForce(),
                        en,
                        d.secretProbes(),
                        d.throttleDelayMillis(),
                        d.maxDelayedOperations(),
                        d.maxTracked(),
                        List.of(),
                        List.of()),
                familiar,
                events::add,
                clock::get);
    }

    private List<SecurityEvent> alerts() {
        return events.stream().filter(e -> e.event().equals("alert")).toList();
    }

    /** A paged listing of {@code entries} entries, {@code pageSize} a page, from the top of the tree. */
    private static void listing(Detector d, Session s, int entries, int pageSize) throws Exception {
        for (int sent = 0, page = 0; sent < entries; sent += pageSize, page++) {
            int n = Math.min(pageSize, entries - sent);
            d.completed(
                    page == 0
                            ? search(s, "dc=example,dc=com", SearchScope.SUB, "(objectClass=inetOrgPerson)", n)
                            : search(
                                    s,
                                    "dc=example,dc=com",
                                    SearchScope.SUB,
                                    "(objectClass=inetOrgPerson)",
                                    n,
                                    NEXT_PAGE));
        }
    }

    @Test
    void aServiceAccountPagingThroughItsUsersSeveralTimesIsNotEvenAlerted() throws Exception {
        Detector d = detector(DetectionSettings.Enumeration.DEFAULT);
        Session app = session("192.0.2.5", "cn=app,ou=services,dc=example,dc=com");
        for (int i = 0; i < 8; i++) { // 150 users, 20 a page, eight times within four minutes
            listing(d, app, 150, 20);
            clock.addAndGet(30_000);
        }
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aSyncJobBecomesUsualWithinAFewWindowsAndIsNeverPunished() throws Exception {
        Detector d = detector(DetectionSettings.Enumeration.DEFAULT);
        Session sync = session("192.0.2.6", "cn=keycloak,ou=services,dc=example,dc=com");
        List<Long> alertedAtMinute = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            if (minute % 5 == 2) {
                int before = alerts().size();
                listing(d, sync, 100_000, 1000); // 100,000 users every five minutes
                if (alerts().size() > before) {
                    alertedAtMinute.add((long) minute);
                }
            }
            clock.addAndGet(MINUTE);
            d.tick();
        }
        assertThat(d.offenders().any())
                .as("an identity's enumeration is an alert only by default")
                .isFalse();
        assertThat(alertedAtMinute)
                .as("learning: the first windows only")
                .isNotEmpty()
                .allMatch(m -> m < 25);
        assertThat(alerts()).allSatisfy(a -> assertThat(a.details()).containsEntry("action", "none"));
        assertThat((String) alerts().get(0).details().get("summary")).contains("nothing usual is known for it yet");
    }

    @Test
    void aCompromisedAccountReadingFarMoreThanUsualStandsOut() throws Exception {
        Detector d = detector(new DetectionSettings.Enumeration(
                2000, 10, 10, 100, 300, 4, 24, Action.THROTTLE, Action.THROTTLE, 600));
        Session app = session("192.0.2.7", "cn=nextcloud,ou=services,dc=example,dc=com");
        for (int minute = 0; minute < 60; minute++) { // an hour of its usual: 1,500 entries in 3 pages every 5 minutes
            if (minute % 5 == 0) {
                listing(d, app, 1500, 500);
            }
            clock.addAndGet(MINUTE);
        }
        assertThat(alerts()).isEmpty();
        listing(d, app, 7000, 500); // then, at once, more than four times that: opted-in enforcement acts
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.details())
                    .containsEntry("offender", "identity cn=nextcloud,ou=services,dc=example,dc=com")
                    .containsEntry("action", "throttle")
                    .containsEntry("usualEntries", 1500L);
            assertThat((String) a.details().get("summary")).contains("it usually reads at most 1500 entries");
        });
    }

    @Test
    void aCrawlCannotMakeItselfUsualAtOnce() throws Exception {
        Detector d = detector(DetectionSettings.Enumeration.DEFAULT);
        Session crawler = session("192.0.2.10", "uid=intern,ou=people,dc=example,dc=com");
        for (int window = 0; window < 3; window++) { // each window may teach at most what it was judged by
            listing(d, crawler, 50_000, 1000);
            clock.addAndGet(5 * MINUTE);
        }
        assertThat(alerts()).hasSize(3);
    }

    @Test
    void whatIsUsualFadesWithTime() throws Exception {
        Detector d = detector(DetectionSettings.Enumeration.DEFAULT);
        Session app = session("192.0.2.8", "cn=nightly,ou=services,dc=example,dc=com");
        for (int i = 0; i < 6; i++) { // learnt: 30,000 entries a window
            listing(d, app, 30_000, 1000);
            clock.addAndGet(5 * MINUTE);
        }
        int learning = alerts().size();
        listing(d, app, 30_000, 1000);
        assertThat(alerts()).hasSize(learning);
        clock.addAndGet(24 * 60 * MINUTE); // a day later: half as usual, still within four times
        listing(d, app, 30_000, 1000);
        assertThat(alerts()).hasSize(learning);
        clock.addAndGet(7 * 24 * 60 * MINUTE); // a week of silence: forgotten
        d.tick();
        listing(d, app, 30_000, 1000);
        assertThat(alerts()).hasSize(learning + 1);
    }

    @Test
    void anAnonymousCrawlIsThrottledByDefault() throws Exception {
        Detector d = detector(DetectionSettings.Enumeration.DEFAULT);
        Session crawler = session("192.0.2.66", null);
        for (int i = 0; i < 30; i++) { // anonymous searches return at most 100 entries each
            d.completed(search(crawler, PEOPLE, SearchScope.SUB, "(cn=" + (char) ('a' + i % 26) + "*)", 100));
        }
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("offender", "address 192.0.2.66")
                        .containsEntry("entries", 2000L)
                        .containsEntry("action", "throttle"));
        assertThat(d.offenders().find("address:192.0.2.66", clock.get()).action())
                .isEqualTo(Action.THROTTLE);
    }

    @Test
    void aCrowdOfAnonymousAddressesCannotPushTheApplicationsUsualOut() throws Exception {
        DetectionSettings d0 = DetectionSettings.DEFAULT;
        Detector d = Records.detector(
                new DetectionSettings(
                        true,
                        d0.passwordSpray(),
                        d0.bruteForce(),
                        d0.enumeration(),
                        d0.secretProbes(),
                        1000,
                        4,
                        100,
                        List.of(),
                        List.of()),
                familiar,
                events::add,
                clock::get);
        Session app = session("192.0.2.9", "cn=sync,ou=services,dc=example,dc=com");
        for (int i = 0; i < 6; i++) {
            listing(d, app, 30_000, 1000);
            clock.addAndGet(5 * MINUTE);
        }
        int learning = alerts().size();
        for (int i = 0; i < 500; i++) { // far more anonymous readers than the tables hold
            d.completed(search(
                    session("198.51.100." + (i % 250) + (i < 250 ? "" : "0"), null),
                    "",
                    SearchScope.SUB,
                    "(objectClass=*)",
                    0));
        }
        listing(d, app, 30_000, 1000);
        assertThat(alerts())
                .filteredOn(a -> a.details().get("offender").toString().startsWith("identity"))
                .hasSize(learning);
    }
}
