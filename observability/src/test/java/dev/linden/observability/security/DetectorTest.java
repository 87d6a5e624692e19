package dev.linden.observability.security;

import static dev.linden.observability.security.Records.failedBind;
import static dev.linden.observability.security.Records.search;
import static dev.linden.observability.security.Records.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.observability.BindFailure;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.OperationKind;
import dev.linden.observability.OperationRecord;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.CompareResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The detections against a clock the test moves: thresholds, windows, actions, exemptions. */
class DetectorTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<SecurityEvent> events = new ArrayList<>();

    private final FamiliarAddresses familiar = new FamiliarAddresses(30 * 86_400_000L, Records.clock(clock::get));

    private Detector detector(DetectionSettings s) throws Exception {
        return Records.detector(s, familiar, events::add, clock::get);
    }

    static DetectionSettings settings(String... exemptAddresses) {
        return new DetectionSettings(
                true,
                new DetectionSettings.PasswordSpray(5, 60, Action.BLOCK, 600),
                new DetectionSettings.BruteForce(4, 60, Action.THROTTLE, 600),
                new DetectionSettings.Enumeration(100, 10, 2, 5, 60, 4, 24, Action.BLOCK, Action.BLOCK, 600),
                new DetectionSettings.SecretProbes(2, 60, Action.NONE, 600),
                100,
                2,
                1000,
                List.of(exemptAddresses),
                List.of("cn=sync,dc=example,dc=com"));
    }

    private List<SecurityEvent> alerts() {
        return events.stream().filter(e -> e.event().equals("alert")).toList();
    }

    @Test
    void sprayFiresOnceAtTheThresholdOfDistinctAccountsAndBlocksTheAddress() throws Exception {
        Detector d = detector(settings());
        Session attacker = session("192.0.2.9", null);
        for (int i = 0; i < 4; i++) {
            d.completed(failedBind(attacker, "uid=u" + i + ",dc=example,dc=com", BindFailure.WRONG_PASSWORD));
            d.completed(failedBind(attacker, "uid=u" + i + ",dc=example,dc=com", BindFailure.WRONG_PASSWORD)); // again
        }
        assertThat(alerts()).isEmpty();
        d.completed(failedBind(attacker, "uid=gone,dc=example,dc=com", BindFailure.NO_SUCH_ENTRY));
        d.completed(failedBind(attacker, "uid=u9,dc=example,dc=com", BindFailure.WRONG_PASSWORD));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.details())
                    .containsEntry("detection", "password_spray")
                    .containsEntry("offender", "address 192.0.2.9")
                    .containsEntry("accounts", 5L)
                    .containsEntry("action", "block");
        });
        assertThat(d.offenders().find("address:192.0.2.9", clock.get()).action())
                .isEqualTo(Action.BLOCK);
        assertThat(d.detections("password_spray")).isEqualTo(1);
        assertThat(d.events("bind_failure")).isEqualTo(10);
        assertThat(d.activeAlerts()).hasSize(1);

        clock.addAndGet(601_000); // the block and the alert end; the window forgot the accounts
        d.tick();
        assertThat(d.offenders().find("address:192.0.2.9", clock.get())).isNull();
        assertThat(d.activeAlerts()).isEmpty();
        assertThat(events).filteredOn(e -> e.event().equals("alert_ended")).hasSize(1);
        d.completed(failedBind(attacker, "uid=u0,dc=example,dc=com", BindFailure.WRONG_PASSWORD));
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void failuresOtherThanGuessesDoNotCount() throws Exception {
        Detector d = detector(settings());
        Session s = session("192.0.2.9", null);
        for (int i = 0; i < 10; i++) {
            d.completed(failedBind(s, "uid=u" + i + ",dc=example,dc=com", BindFailure.CONFIDENTIALITY_REQUIRED));
        }
        assertThat(alerts()).isEmpty();
        assertThat(d.events("bind_failure")).isEqualTo(10);
    }

    @Test
    void bruteForceCountsOneAccountFromAnyAddress() throws Exception {
        Detector d = detector(settings());
        String victim = "uid=carol,dc=example,dc=com";
        for (int i = 0; i < 4; i++) {
            d.completed(failedBind(
                    session("198.51.100." + i, null), victim, i < 3 ? BindFailure.WRONG_PASSWORD : BindFailure.LOCKED));
        }
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("detection", "brute_force")
                        .containsEntry("offender", "account " + victim)
                        .containsEntry("failures", 4L)
                        .containsEntry("addresses", 4L)
                        .containsEntry("action", "throttle"));
        assertThat(d.offenders().find("account:" + victim, clock.get()).action())
                .isEqualTo(Action.THROTTLE);
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() throws Exception {
        Detector d = detector(settings());
        String victim = "uid=carol,dc=example,dc=com";
        for (int i = 0; i < 8; i++) {
            d.completed(failedBind(session("198.51.100.1", null), victim, BindFailure.WRONG_PASSWORD));
            clock.addAndGet(30_000); // two a minute: never four within one
        }
        assertThat(alerts()).isEmpty();
    }

    @Test
    void enumerationByEntriesBroadSearchesAndPages() throws Exception {
        Detector d = detector(settings());
        Session reader = session("192.0.2.50", "uid=reader,dc=example,dc=com");
        for (int i = 0; i < 50; i++) { // lookups and short lists never add up
            d.completed(search(reader, "dc=example,dc=com", SearchScope.SUB, "(uid=u" + i + ")", 1));
            d.completed(search(reader, "ou=groups,dc=example,dc=com", SearchScope.ONE, "(cn=*)", 9));
        }
        d.completed(
                search(reader, "ou=people,dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", 0)); // not the top
        d.completed(search(reader, "dc=example,dc=com", SearchScope.ONE, "(objectClass=*)", 0)); // not a subtree
        assertThat(alerts()).isEmpty();
        d.completed(search(reader, "dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", 0));
        assertThat(alerts()).isEmpty();
        d.completed(search(reader, "DC=Example, DC=Com", SearchScope.SUB, "(&(objectClass=*)(cn=*))", 0));
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("detection", "enumeration")
                        .containsEntry("offender", "identity uid=reader,dc=example,dc=com")
                        .containsEntry("broadSearches", 2L)
                        .containsEntry("entries", 0L));
        assertThat(d.offenders()
                        .find("identity:uid=reader,dc=example,dc=com", clock.get())
                        .action())
                .isEqualTo(Action.BLOCK);

        Session pager = session("192.0.2.51", "uid=pager,dc=example,dc=com");
        Control next = Records.NEXT_PAGE;
        for (int i = 0; i < 4; i++) {
            d.completed(
                    search(pager, "ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=person)", 25, next));
        }
        assertThat(alerts())
                .hasSize(2)
                .last()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("offender", "identity uid=pager,dc=example,dc=com")
                        .containsEntry("entries", 100L)
                        .containsEntry("pages", 4L));
        Session anonymous = session("192.0.2.52", null);
        d.completed(search(anonymous, "", SearchScope.SUB, "(objectClass=*)", 0));
        d.completed(search(anonymous, "", SearchScope.SUB, "(!(cn=x))", 0));
        assertThat(alerts())
                .hasSize(3)
                .last()
                .satisfies(a -> assertThat(a.details()).containsEntry("offender", "address 192.0.2.52"));
    }

    @Test
    void theRootDnAndExemptIdentitiesAreNotWatched() throws Exception {
        Detector d = detector(settings());
        Session root = session("192.0.2.1", Records.ROOT_DN);
        Session sync = session("192.0.2.2", "cn=sync,dc=example,dc=com");
        for (int i = 0; i < 10; i++) {
            d.completed(search(root, "dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", 5000));
            d.completed(search(sync, "dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", 5000));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void probesForSecretsAreEventsAndThenAnAlert() throws Exception {
        Detector d = detector(settings());
        Session s = session("192.0.2.60", "uid=nosy,dc=example,dc=com");
        d.completed(search(s, "dc=example,dc=com", SearchScope.SUB, "(&(uid=x)(userPassword=a*))", 0));
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("attribute", "userPassword")
                        .containsEntry("operation", "search"));
        LdapMessage compare = new LdapMessage(
                3, new CompareRequest("uid=x,dc=example,dc=com", "2.5.4.35", "guess".getBytes(StandardCharsets.UTF_8)));
        d.completed(new OperationRecord(
                s,
                compare,
                OperationKind.COMPARE,
                new Response(new CompareResponse(LdapResult.of(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ""))),
                0,
                1000,
                s.boundDn(),
                null,
                Action.NONE));
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("detection", "secret_probes")
                        .containsEntry("probes", 2L)
                        .containsEntry("action", "none"));
        assertThat(d.offenders().any()).isFalse();
        assertThat(events.toString()).doesNotContain("guess");
    }

    @Test
    void exemptAddressesRaiseAlertsButAreNeverPunished() throws Exception {
        Detector d = detector(settings("192.0.2.0/24"));
        Session s = session("192.0.2.9", null);
        for (int i = 0; i < 5; i++) {
            d.completed(failedBind(s, "uid=u" + i + ",dc=example,dc=com", BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts())
                .singleElement()
                .satisfies(a ->
                        assertThat(a.details()).containsEntry("action", "none").containsEntry("exempt", true));
        assertThat(d.offenders().any()).isFalse();
        assertThat(d.isExemptAddress("192.0.2.200")).isTrue();
        assertThat(d.isExemptAddress("192.0.3.1")).isFalse();
    }

    @Test
    void blockedOperationsAreNotCountedAgain() throws Exception {
        Detector d = detector(settings());
        Session s = session("192.0.2.9", null);
        for (int i = 0; i < 10; i++) {
            OperationRecord r = failedBind(s, "uid=u" + i + ",dc=example,dc=com", BindFailure.REFUSED);
            d.completed(new OperationRecord(
                    r.session(), r.request(), r.kind(), r.response(), 0, 1, r.identity(), r.bind(), Action.BLOCK));
        }
        assertThat(events).isEmpty();
    }
}
