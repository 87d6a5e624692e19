package dev.linden.core.ppolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy arithmetic: counting failures, locks that lift by themselves, expiry, grace, minimum age. */
class AccountStateTest {
    private static final Instant T = Instant.parse("2025-03-01T12:00:00Z");
    // lockout after 3 failures within 60 s, for 30 s
    private static final Policy LOCKOUT = new Policy(0, 0, 0, 0, 0, 0, 0, false, true, false, true, 30, 3, 60);

    private static AccountState failures(Instant... times) {
        return new AccountState(List.of(times), null, null, 0, false);
    }

    @Test
    void failuresOlderThanTheIntervalDoNotCount() {
        AccountState s = failures(T.minusSeconds(61), T.minusSeconds(59), T.minusSeconds(1));
        assertThat(s.countedFailures(LOCKOUT, T)).containsExactly(T.minusSeconds(59), T.minusSeconds(1));
        assertThat(s.failureLocks(LOCKOUT, T)).as("2 recent + this one = 3").isTrue();
        assertThat(failures(T.minusSeconds(61), T.minusSeconds(1)).failureLocks(LOCKOUT, T))
                .isFalse();
    }

    @Test
    void anIntervalOfZeroKeepsFailuresUntilASuccess() {
        Policy forever = new Policy(0, 0, 0, 0, 0, 0, 0, false, true, false, true, 30, 3, 0);
        assertThat(failures(T.minusSeconds(86_400 * 365), T.minusSeconds(1)).failureLocks(forever, T))
                .isTrue();
    }

    @Test
    void storedFailuresAreTheNewestMaxFailure() {
        AccountState s = failures(T.minusSeconds(3), T.minusSeconds(2), T.minusSeconds(1));
        assertThat(s.afterFailure(LOCKOUT, T)).containsExactly(T.minusSeconds(2), T.minusSeconds(1), T);
    }

    @Test
    void noLockoutWithoutLockoutOrMaxFailure() {
        Policy off = new Policy(0, 0, 0, 0, 0, 0, 0, false, true, false, false, 30, 3, 60);
        Policy noMax = new Policy(0, 0, 0, 0, 0, 0, 0, false, true, false, true, 30, 0, 60);
        AccountState s = failures(T.minusSeconds(2), T.minusSeconds(1), T);
        assertThat(s.failureLocks(off, T)).isFalse();
        assertThat(s.failureLocks(noMax, T)).isFalse();
    }

    @Test
    void aLockLiftsAfterItsDurationAndItsFailuresAreSpent() {
        Instant locked = T.minusSeconds(10);
        AccountState s =
                new AccountState(List.of(T.minusSeconds(12), T.minusSeconds(11), locked), locked, null, 0, false);
        assertThat(s.locked(LOCKOUT, T)).isTrue();
        assertThat(s.locked(LOCKOUT, locked.plusSeconds(29))).isTrue();
        Instant after = locked.plusSeconds(30);
        assertThat(s.locked(LOCKOUT, after)).isFalse();
        assertThat(s.lockExpired(LOCKOUT, after)).isTrue();
        assertThat(s.countedFailures(LOCKOUT, after))
                .as("the failures that caused the lock")
                .isEmpty();
        assertThat(s.failureLocks(LOCKOUT, after)).isFalse();
    }

    @Test
    void durationZeroAndThePermanentValueLockUntilUnlocked() {
        Policy untilReset = new Policy(0, 0, 0, 0, 0, 0, 0, false, true, false, true, 0, 3, 60);
        AccountState s = new AccountState(List.of(), T.minusSeconds(86_400 * 100), null, 0, false);
        assertThat(s.locked(untilReset, T)).isTrue();
        AccountState permanent = new AccountState(List.of(), GeneralizedTime.parse("000001010000Z"), null, 0, false);
        assertThat(permanent.locked(LOCKOUT, T)).isTrue();
        assertThat(failures().locked(LOCKOUT, T)).isFalse();
    }

    @Test
    void expiryWarningAndGrace() {
        // expires 100 s after a change, warns in the last 30 s, 2 grace binds
        Policy aging = new Policy(0, 100, 0, 0, 0, 30, 2, false, true, false, false, 0, 0, 0);
        AccountState s = new AccountState(List.of(), null, T, 0, false);
        assertThat(s.expiresAt(aging)).isEqualTo(T.plusSeconds(100));
        assertThat(s.warningSeconds(aging, T.plusSeconds(50))).isEqualTo(-1);
        assertThat(s.warningSeconds(aging, T.plusSeconds(70))).isEqualTo(30);
        assertThat(s.warningSeconds(aging, T.plusSeconds(99))).isEqualTo(1);
        assertThat(s.expired(aging, T.plusSeconds(99))).isFalse();
        assertThat(s.expired(aging, T.plusSeconds(100))).isTrue();
        assertThat(s.graceRemaining(aging)).isEqualTo(2);
        assertThat(new AccountState(List.of(), null, T, 2, false).graceRemaining(aging))
                .isZero();
        assertThat(new AccountState(List.of(), null, null, 0, false).expired(aging, T.plusSeconds(1_000_000)))
                .as("never changed: no expiry")
                .isFalse();
        assertThat(s.expired(Policy.DEFAULT, T.plusSeconds(1_000_000_000)))
                .as("maxAge 0")
                .isFalse();
    }

    @Test
    void minimumAgeUnlessReset() {
        Policy young = new Policy(60, 0, 0, 0, 0, 0, 0, true, true, false, false, 0, 0, 0);
        assertThat(new AccountState(List.of(), null, T, 0, false).tooYoung(young, T.plusSeconds(59)))
                .isTrue();
        assertThat(new AccountState(List.of(), null, T, 0, false).tooYoung(young, T.plusSeconds(60)))
                .isFalse();
        assertThat(new AccountState(List.of(), null, T, 0, true).tooYoung(young, T.plusSeconds(1)))
                .isFalse();
        assertThat(new AccountState(List.of(), null, T, 0, true).mustChange(young))
                .isTrue();
        assertThat(new AccountState(List.of(), null, T, 0, true).mustChange(LOCKOUT))
                .as("mustChange off")
                .isFalse();
    }

    @Test
    void generalizedTimes() {
        Instant t = Instant.parse("2025-03-01T12:00:00.123456Z");
        assertThat(GeneralizedTime.withFraction(t)).isEqualTo("20250301120000.123456Z");
        assertThat(GeneralizedTime.parse("20250301120000.123456Z")).isEqualTo(t);
        assertThat(GeneralizedTime.parse("20250301120000Z")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(GeneralizedTime.parse("202503011400+0200")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(GeneralizedTime.parse("not a time")).isNull();
        assertThat(GeneralizedTime.parse("20251301120000Z")).isNull();
    }

    @Test
    void historyValues() {
        assertThat(new String(PasswordChange.historyHash("20250301120000Z#1.3.6.1.4.1.1466.115.121.1.40#6#{X}abc")))
                .isEqualTo("{X}abc");
        assertThat(PasswordChange.historyHash("20250301120000Z#oid#7#{X}abc")).isNull();
        assertThat(PasswordChange.historyHash("garbage")).isNull();
    }
}
