package dev.linden.core.ppolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's password policy state as its entry holds it (pwdFailureTime, pwdAccountLockedTime,
 * pwdChangedTime, pwdGraceUseTime, pwdReset), and the arithmetic a policy applies to it. Values
 * that do not parse as times are ignored.
 *
 * @param failures the recorded failed binds, oldest first
 * @param lockedAt when the account was locked, or null; {@link GeneralizedTime#PERMANENT} until unlocked
 * @param changedAt when the password was last set, or null (it then never expires)
 * @param graceUsed binds made since the password expired
 * @param reset an administrator set the password and the user has not changed it since
 */
record AccountState(List<Instant> failures, Instant lockedAt, Instant changedAt, int graceUsed, boolean reset) {

    AccountState {
        failures = failures.stream().sorted().toList();
    }

    /** Whether binds are refused now: a lock that has not run its course, or one only an administrator lifts. */
    boolean locked(Policy policy, Instant now) {
        if (lockedAt == null) {
            return false;
        }
        if (lockedAt.equals(GeneralizedTime.PERMANENT) || policy.lockoutDuration() == 0) {
            return true;
        }
        return now.isBefore(lockEnd(policy));
    }

    /** A lock that is still recorded but has run its course (automatic unlock). */
    boolean lockExpired(Policy policy, Instant now) {
        return lockedAt != null && !locked(policy, now);
    }

    private Instant lockEnd(Policy policy) {
        return lockedAt.plusSeconds(policy.lockoutDuration());
    }

    /**
     * The failures that still count: newer than failureCountInterval, and, once a lock has run its
     * course, only those after it (the ones that caused it are spent).
     */
    List<Instant> countedFailures(Policy policy, Instant now) {
        Instant since =
                policy.failureCountInterval() == 0 ? Instant.MIN : now.minusSeconds(policy.failureCountInterval());
        if (lockExpired(policy, now) && lockEnd(policy).isAfter(since)) {
            since = lockEnd(policy);
        }
        List<Instant> counted = new ArrayList<>();
        for (Instant f : failures) {
            if (f.isAfter(since)) {
                counted.add(f);
            }
        }
        return counted;
    }

    /** The failures to store after one more at {@code now}, the newest maxFailure of them. */
    List<Instant> afterFailure(Policy policy, Instant now) {
        List<Instant> counted = countedFailures(policy, now);
        counted.add(now);
        int keep = Math.max(1, policy.maxFailure());
        return counted.size() > keep
                ? new ArrayList<>(counted.subList(counted.size() - keep, counted.size()))
                : counted;
    }

    /** Whether one more failure at {@code now} locks the account. */
    boolean failureLocks(Policy policy, Instant now) {
        return policy.locksOut() && countedFailures(policy, now).size() + 1 >= policy.maxFailure();
    }

    /** When the password expires, or null when it does not. */
    Instant expiresAt(Policy policy) {
        return policy.maxAge() > 0 && changedAt != null ? changedAt.plusSeconds(policy.maxAge()) : null;
    }

    boolean expired(Policy policy, Instant now) {
        Instant at = expiresAt(policy);
        return at != null && !now.isBefore(at);
    }

    /** Seconds until expiry when within the warning period, else -1. */
    long warningSeconds(Policy policy, Instant now) {
        Instant at = expiresAt(policy);
        if (at == null || policy.expireWarning() == 0 || !now.isBefore(at)) {
            return -1;
        }
        long left = at.getEpochSecond() - now.getEpochSecond();
        return left <= policy.expireWarning() ? left : -1;
    }

    int graceRemaining(Policy policy) {
        return Math.max(0, policy.graceAuthNLimit() - graceUsed);
    }

    /** Whether the user must change an administrator-set password before doing anything else. */
    boolean mustChange(Policy policy) {
        return policy.mustChange() && reset;
    }

    /** Whether the minimum age forbids a user change now (never after a reset). */
    boolean tooYoung(Policy policy, Instant now) {
        return !reset
                && policy.minAge() > 0
                && changedAt != null
                && now.isBefore(changedAt.plusSeconds(policy.minAge()));
    }
}
