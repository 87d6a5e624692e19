package dev.linden.observability.security;

import static dev.linden.observability.security.Records.failedBind;
import static dev.linden.observability.security.Records.session;
import static dev.linden.observability.security.Records.succeededBind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.observability.BindFailure;
import dev.linden.observability.DetectionSettings.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Spraying and brute force never turned against the account's owner (issue 16): failures from the
 * addresses an account binds from are typos, a brute-force penalty spares them, the root DN is never
 * acted against, and an address that logs many users in is not a sprayer. Against a test clock.
 */
class GuessingDetectionTest {
    private static final String CAROL = "uid=carol,dc=example,dc=com";
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<SecurityEvent> events = new ArrayList<>();
    private final FamiliarAddresses familiar = new FamiliarAddresses(30 * 86_400_000L, Records.clock(clock::get));

    private Detector detector() throws Exception {
        return Records.detector(DetectorTest.settings(), familiar, events::add, clock::get); // spray 5, brute force 4
    }

    private List<SecurityEvent> alerts() {
        return events.stream().filter(e -> e.event().equals("alert")).toList();
    }

    @Test
    void theOwnersTyposFromAFamiliarAddressAreNotGuesses() throws Exception {
        Detector d = detector();
        familiar.learn(CAROL, "192.0.2.10:1");
        for (int i = 0; i < 10; i++) {
            d.completed(failedBind(session("192.0.2.10", null), CAROL, BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts()).isEmpty();
        assertThat(events).hasSize(10).allSatisfy(e -> assertThat(e.details()).containsEntry("familiar", true));
    }

    @Test
    void bruteForceSaysWhoseBindsAreThrottledFromWhereAndThatTheOwnerIsSpared() throws Exception {
        Detector d = detector();
        familiar.learn(CAROL, "192.0.2.10:1");
        familiar.learn(CAROL, "198.51.100.20:1");
        for (int i = 0; i < 4; i++) {
            d.completed(failedBind(session("203.0.113." + (1 + i % 2), null), CAROL, BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.details())
                    .containsEntry("detection", "brute_force")
                    .containsEntry("offender", "account " + CAROL)
                    .containsEntry("action", "throttle")
                    .containsEntry("failures", 4L)
                    .containsEntry("addresses", 2L)
                    .containsEntry("from", "203.0.113.1 203.0.113.2")
                    .containsEntry("familiarAddresses", 2L)
                    .containsEntry("spared", "familiar addresses");
            assertThat((String) a.details().get("summary")).contains("throttled except from its 2 familiar addresses");
        });
        assertThat(d.offenders().find("account:" + CAROL, clock.get()).action()).isEqualTo(Action.THROTTLE);
        assertThat(d.isFamiliar(CAROL, "192.0.2.10:5")).isTrue(); // which the enforcement skips
        assertThat(d.isFamiliar(CAROL, "203.0.113.1:5")).isFalse();
    }

    @Test
    void theRootDnIsAlertedAboutButNeverThrottled() throws Exception {
        Detector d = detector();
        for (int i = 0; i < 4; i++) {
            d.completed(failedBind(session("203.0.113." + i, null), Records.ROOT_DN, BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("detection", "brute_force")
                        .containsEntry("action", "none")
                        .containsEntry("spared", "root DN"));
        assertThat(d.offenders().any()).isFalse();
    }

    @Test
    void anAddressThatLogsManyUsersInIsNotASprayer() throws Exception {
        Detector d = detector();
        for (int i = 0; i < 12; i++) { // an application's server: its users log in, a few mistype
            d.completed(succeededBind(session("192.0.2.80", null), "uid=ok" + i + ",dc=example,dc=com"));
        }
        for (int i = 0; i < 8; i++) { // their first typos: no address is familiar for them yet
            d.completed(failedBind(
                    session("192.0.2.80", null), "uid=typo" + i + ",dc=example,dc=com", BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts()).isEmpty();
        for (int i = 8; i < 13; i++) { // failures now outnumber the logins: spraying after all
            d.completed(failedBind(
                    session("192.0.2.80", null), "uid=typo" + i + ",dc=example,dc=com", BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("detection", "password_spray")
                        .containsEntry("accounts", 13L)
                        .containsEntry("loggedIn", 12L)
                        .containsEntry("action", "block"));
    }

    @Test
    void aSprayerWithOneAccountOfItsOwnIsStillBlocked() throws Exception {
        Detector d = detector();
        d.completed(succeededBind(session("192.0.2.90", null), "uid=mallory,dc=example,dc=com"));
        for (int i = 0; i < 5; i++) {
            d.completed(failedBind(
                    session("192.0.2.90", null), "uid=u" + i + ",dc=example,dc=com", BindFailure.WRONG_PASSWORD));
        }
        assertThat(alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.details())
                        .containsEntry("detection", "password_spray")
                        .containsEntry("action", "block"));
        assertThat(d.offenders().find("address:192.0.2.90", clock.get()).action())
                .isEqualTo(Action.BLOCK);
    }
}
