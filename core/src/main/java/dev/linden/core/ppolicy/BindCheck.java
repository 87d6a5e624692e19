package dev.linden.core.ppolicy;

import dev.linden.core.OperationContext;
import dev.linden.core.throttle.SecurityCounters.BindFailure;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The password policy's part of one simple bind to an existing entry, in the order of the bind:
 * {@link #checkNotLocked()} before the password is looked at, then {@link #failed()} or
 * {@link #succeeded()}. Each records the account's new state in one write of its entry, and only
 * when something changes: a successful bind of an account with no failures on record writes nothing.
 */
public final class BindCheck {
    private final PasswordPolicy pp;
    private final OperationContext ctx;
    private final Entry account;
    private final Policy policy;
    private final AccountState state;
    private final Instant now;
    private boolean mustChange;

    BindCheck(PasswordPolicy pp, OperationContext ctx, Entry account, Policy policy, Instant now) {
        this.pp = pp;
        this.ctx = ctx;
        this.account = account;
        this.policy = policy;
        this.state = pp.attributes.read(account);
        this.now = now;
    }

    /** A locked account's bind fails with invalidCredentials and accountLocked, whatever the password. */
    public void checkNotLocked() throws LdapException {
        if (state.locked(policy, now)) {
            pp.counters().bindFailed(BindFailure.ACCOUNT_LOCKED);
            throw pp.error(ctx, ResultCode.INVALID_CREDENTIALS, "", PolicyError.ACCOUNT_LOCKED);
        }
    }

    /**
     * The password was wrong: records the failure (pwdFailureTime) and locks the account at
     * maxFailure (pwdAccountLockedTime), in one write; returns the error to answer with.
     */
    public LdapException failed() throws LdapException {
        pp.counters().bindFailed(BindFailure.WRONG_PASSWORD);
        if (policy.locksOut() && account.has(pp.attributes.userPassword)) {
            boolean[] locked = {false};
            pp.directory().backend().modify(account.dn(), entry -> {
                AccountState current = pp.attributes.read(entry); // as stored now: concurrent failures all count
                if (current.locked(policy, now)) {
                    return entry;
                }
                if (current.lockExpired(policy, now)) {
                    StateAttributes.remove(entry, pp.attributes.lockedTime);
                }
                if (current.failureLocks(policy, now)) {
                    entry.put(pp.attributes.lockedTime, GeneralizedTime.withFraction(now));
                    locked[0] = true;
                }
                StateAttributes.putTimes(entry, pp.attributes.failureTime, current.afterFailure(policy, now));
                return entry;
            });
            if (locked[0]) {
                pp.counters().lockout();
            }
        }
        return pp.error(ctx, ResultCode.INVALID_CREDENTIALS, "", null);
    }

    /**
     * The password was right: an expired password uses a grace bind or fails (invalidCredentials,
     * passwordExpired); a password near expiry gets the timeBeforeExpiration warning; a reset one the
     * changeAfterReset error (and the session is then restricted, see {@link #mustChange()}).
     * Clears recorded failures. Returns the response controls.
     */
    public List<Control> succeeded() throws LdapException {
        long grace = -1;
        if (state.expired(policy, now)) {
            if (state.graceRemaining(policy) == 0) {
                pp.counters().bindFailed(BindFailure.PASSWORD_EXPIRED);
                throw pp.error(ctx, ResultCode.INVALID_CREDENTIALS, "", PolicyError.PASSWORD_EXPIRED);
            }
            grace = state.graceRemaining(policy) - 1;
            pp.counters().graceBind();
            mustChange = true; // a grace bind is for changing the password
        }
        PolicyError error = null;
        if (state.mustChange(policy)) {
            error = PolicyError.CHANGE_AFTER_RESET;
            mustChange = true;
        }
        boolean useGrace = grace >= 0;
        if (useGrace || !state.failures().isEmpty() || state.lockExpired(policy, now)) {
            pp.directory().backend().modify(account.dn(), entry -> {
                StateAttributes.remove(entry, pp.attributes.failureTime);
                if (pp.attributes.read(entry).lockExpired(policy, now)) {
                    StateAttributes.remove(entry, pp.attributes.lockedTime);
                }
                if (useGrace) {
                    List<Instant> uses = new ArrayList<>();
                    for (String v : entry.strings(pp.attributes.graceUseTime)) {
                        Instant t = GeneralizedTime.parse(v);
                        if (t != null) {
                            uses.add(t);
                        }
                    }
                    uses.add(now);
                    StateAttributes.putTimes(entry, pp.attributes.graceUseTime, uses);
                }
                return entry;
            });
        }
        long warning = useGrace ? -1 : state.warningSeconds(policy, now);
        return pp.responseControls(ctx, new PasswordPolicyControl(warning, grace, error));
    }

    /**
     * Whether {@link #succeeded} would write nothing: no failures on record, no lock to lift, no
     * grace bind to use up (the usual bind).
     */
    public boolean quietOnSuccess() {
        return !state.expired(policy, now) && state.failures().isEmpty() && !state.lockExpired(policy, now);
    }

    /** Whether the session this bind opens may only change its password (the policy requires a change). */
    public boolean mustChange() {
        return mustChange;
    }
}
