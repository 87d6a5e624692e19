package dev.linden.core.throttle;

/**
 * How password guessing is slowed and stopped, per client address and per account, in memory.
 * Failures count within a window that starts at the first failure. Past a threshold, each bind
 * from that address (or to that account) waits before its password is checked, twice as long per
 * further failure up to a cap; past a higher threshold the address is refused for a while.
 *
 * @param enabled whether binds are throttled at all
 * @param windowSeconds how long failures are remembered, from the first one
 * @param accountDelayAfter failures of one account after which its binds are slowed (0: never)
 * @param addressDelayAfter failures from one address after which its binds are slowed (0: never)
 * @param baseDelayMillis the first delay; each further failure doubles it
 * @param maxDelayMillis the longest delay
 * @param addressBlockAfter failures from one address after which its binds are refused (0: never)
 * @param blockSeconds how long a blocked address stays refused
 * @param maxDelayedBinds binds that may wait at once; more are refused with busy (protects worker threads)
 * @param familiarDays how long an address stays familiar for an account after a successful bind from
 *     there (0: no address ever is, and every failure counts against its account from anywhere);
 *     see {@link FamiliarAddresses}. Learnt even when {@code enabled} is false: detection uses it too.
 */
public record ThrottleSettings(
        boolean enabled,
        int windowSeconds,
        int accountDelayAfter,
        int addressDelayAfter,
        int baseDelayMillis,
        int maxDelayMillis,
        int addressBlockAfter,
        int blockSeconds,
        int maxDelayedBinds,
        int familiarDays) {

    public static final int DEFAULT_FAMILIAR_DAYS = 30;
    public static final ThrottleSettings DEFAULT =
            new ThrottleSettings(true, 300, 3, 10, 250, 3000, 100, 300, 4, DEFAULT_FAMILIAR_DAYS);
    public static final ThrottleSettings DISABLED =
            new ThrottleSettings(false, 300, 0, 0, 0, 0, 0, 0, 1, DEFAULT_FAMILIAR_DAYS);

    public ThrottleSettings {
        if (windowSeconds <= 0 || maxDelayedBinds <= 0) {
            throw new IllegalArgumentException("windowSeconds and maxDelayedBinds must be greater than 0");
        }
        if (accountDelayAfter < 0
                || addressDelayAfter < 0
                || baseDelayMillis < 0
                || maxDelayMillis < 0
                || addressBlockAfter < 0
                || blockSeconds < 0
                || familiarDays < 0) {
            throw new IllegalArgumentException("throttle values cannot be negative");
        }
    }
}
