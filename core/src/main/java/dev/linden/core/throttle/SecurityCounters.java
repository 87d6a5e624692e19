package dev.linden.core.throttle;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Counters of authentication trouble since start: failed binds by reason, lockouts, slowed and
 * refused binds, blocked addresses. Cheap to update from any thread; read through {@link #snapshot()}
 * (for cn=monitor or metrics, later). No metrics library here on purpose.
 */
public final class SecurityCounters {
    /** Why a bind failed. */
    public enum BindFailure {
        /** the entry exists but the password is wrong (or it has none) */
        WRONG_PASSWORD,
        /** no entry with that name */
        NO_SUCH_ENTRY,
        /** the account is locked after too many failures */
        ACCOUNT_LOCKED,
        /** the password expired and no grace binds are left */
        PASSWORD_EXPIRED,
        /** refused by the guessing throttle before the password was looked at */
        THROTTLED
    }

    private final Map<BindFailure, LongAdder> failures = new EnumMap<>(BindFailure.class);
    private final LongAdder lockouts = new LongAdder();
    private final LongAdder delayedBinds = new LongAdder();
    private final LongAdder addressBlocks = new LongAdder();
    private final LongAdder graceBinds = new LongAdder();
    private volatile IntSupplier blockedAddresses = () -> 0;

    public SecurityCounters() {
        for (BindFailure f : BindFailure.values()) {
            failures.put(f, new LongAdder());
        }
    }

    public void bindFailed(BindFailure reason) {
        failures.get(reason).increment();
    }

    public void lockout() {
        lockouts.increment();
    }

    public void delayedBind() {
        delayedBinds.increment();
    }

    public void addressBlocked() {
        addressBlocks.increment();
    }

    public void graceBind() {
        graceBinds.increment();
    }

    /** Where the number of addresses blocked right now comes from (the throttle). */
    void blockedAddressesFrom(IntSupplier source) {
        this.blockedAddresses = source;
    }

    public Snapshot snapshot() {
        Map<BindFailure, Long> f = new EnumMap<>(BindFailure.class);
        failures.forEach((k, v) -> f.put(k, v.sum()));
        return new Snapshot(
                Collections.unmodifiableMap(f),
                lockouts.sum(),
                delayedBinds.sum(),
                addressBlocks.sum(),
                blockedAddresses.getAsInt(),
                graceBinds.sum());
    }

    /**
     * The counters at one moment.
     *
     * @param failedBinds failed binds by reason
     * @param lockouts accounts locked by the password policy
     * @param delayedBinds binds the throttle slowed down
     * @param addressBlocks times a client address was blocked for guessing
     * @param blockedAddressesNow client addresses blocked at this moment
     * @param graceBinds binds made with an expired password, using a grace bind
     */
    public record Snapshot(
            Map<BindFailure, Long> failedBinds,
            long lockouts,
            long delayedBinds,
            long addressBlocks,
            int blockedAddressesNow,
            long graceBinds) {
        public long failedBindsTotal() {
            return failedBinds.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
