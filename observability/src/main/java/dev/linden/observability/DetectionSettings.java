package dev.linden.observability;

import java.util.List;

/**
 * Attack detection: what counts as an attack, over which sliding window, and what is done to the
 * offender. Every detection raises a security event (log line and metric) when its threshold is
 * reached; its action then applies to the offender for {@code actionSeconds}.
 *
 * @param enabled whether anything is detected at all
 * @param passwordSpray one client address failing binds against many distinct accounts
 * @param bruteForce many failed binds against one account, from any addresses
 * @param enumeration one identity (or anonymous address) reading much more than it usually does
 * @param secretProbes filters and compares on secret attributes (userPassword and the like)
 * @param throttleDelayMillis how long each operation of a throttled offender waits before it runs
 * @param maxDelayedOperations operations that may wait at once; more are answered busy at once
 *     (a throttled offender must not occupy every worker thread)
 * @param maxTracked addresses, accounts and identities remembered per detection; past this the
 *     stalest are forgotten, so many addresses cannot grow memory without bound
 * @param exemptAddresses client address ranges (CIDR) that are never throttled or blocked;
 *     their events are still raised
 * @param exemptIdentities DNs whose searches are never counted as enumeration or probes (a sync
 *     job's service account, say), and that are never throttled or blocked; the root DN always is
 */
public record DetectionSettings(
        boolean enabled,
        PasswordSpray passwordSpray,
        BruteForce bruteForce,
        Enumeration enumeration,
        SecretProbes secretProbes,
        int throttleDelayMillis,
        int maxDelayedOperations,
        int maxTracked,
        List<String> exemptAddresses,
        List<String> exemptIdentities) {

    /** What happens to an offender once a detection fires. */
    public enum Action {
        /** an event only */
        NONE,
        /** each operation waits {@code throttleDelayMillis} first */
        THROTTLE,
        /** operations are refused (unwillingToPerform) */
        BLOCK
    }

    /**
     * One client address failing binds against at least {@code accounts} distinct accounts within the
     * window, and against more accounts than it bound as successfully meanwhile (an application's
     * server or an office's NAT logs many users in, a few of whom mistype). Failures against accounts
     * the address is familiar for (it bound as them successfully of late) do not count.
     */
    public record PasswordSpray(int accounts, int windowSeconds, Action action, int actionSeconds) {
        public static final PasswordSpray DEFAULT = new PasswordSpray(10, 300, Action.BLOCK, 900);
    }

    /**
     * At least {@code failures} failed binds against one account within the window, from addresses
     * not familiar for it (failures from where its owner binds are typos); the action applies to
     * binds naming the account, except from its familiar addresses, and never to the root DN.
     */
    public record BruteForce(int failures, int windowSeconds, Action action, int actionSeconds) {
        public static final BruteForce DEFAULT = new BruteForce(10, 300, Action.THROTTLE, 900);
    }

    /**
     * One reader — a bound identity, or an anonymous client by its address — reading much more than
     * it usually does. Three measures, each over the sliding window: entries received from searches
     * returning {@code minEntriesPerSearch} or more (lookups and short lists, however frequent, do not
     * add up), {@code broadSearches} (subtree searches with a match-almost-anything filter over a
     * whole naming context, such as {@code (objectClass=*)} from the suffix), and further
     * {@code pages} of paged searches. The reader's usual amount of each is the most it read in one
     * window of late, fading by half every {@code memoryHours}; reading is unusual from {@code factor}
     * times that on, and never below the floors {@code entries}, {@code broadSearches} and
     * {@code pages} (all a reader seen for the first time is judged by). The root DN is not watched.
     *
     * @param action what is done to an authenticated identity (none by default: an application's
     *     sync must not be punished; throttle or block is opted into)
     * @param anonymousAction what is done to an anonymous client's address
     */
    public record Enumeration(
            int entries,
            int minEntriesPerSearch,
            int broadSearches,
            int pages,
            int windowSeconds,
            int factor,
            int memoryHours,
            Action action,
            Action anonymousAction,
            int actionSeconds) {
        public static final Enumeration DEFAULT =
                new Enumeration(2000, 10, 10, 100, 300, 4, 24, Action.NONE, Action.THROTTLE, 600);
    }

    /** At least {@code probes} searches filtering on, or compares against, a secret attribute within the window. */
    public record SecretProbes(int probes, int windowSeconds, Action action, int actionSeconds) {
        public static final SecretProbes DEFAULT = new SecretProbes(3, 300, Action.NONE, 600);
    }

    public static final int DEFAULT_THROTTLE_DELAY_MILLIS = 1000;
    public static final int DEFAULT_MAX_DELAYED = 4;
    public static final int DEFAULT_MAX_TRACKED = 100_000;

    public static final DetectionSettings DEFAULT = new DetectionSettings(
            true,
            PasswordSpray.DEFAULT,
            BruteForce.DEFAULT,
            Enumeration.DEFAULT,
            SecretProbes.DEFAULT,
            DEFAULT_THROTTLE_DELAY_MILLIS,
            DEFAULT_MAX_DELAYED,
            DEFAULT_MAX_TRACKED,
            List.of(),
            List.of());
    public static final DetectionSettings DISABLED = new DetectionSettings(
            false,
            PasswordSpray.DEFAULT,
            BruteForce.DEFAULT,
            Enumeration.DEFAULT,
            SecretProbes.DEFAULT,
            DEFAULT_THROTTLE_DELAY_MILLIS,
            DEFAULT_MAX_DELAYED,
            DEFAULT_MAX_TRACKED,
            List.of(),
            List.of());

    public DetectionSettings {
        exemptAddresses = List.copyOf(exemptAddresses);
        exemptIdentities = List.copyOf(exemptIdentities);
    }
}
