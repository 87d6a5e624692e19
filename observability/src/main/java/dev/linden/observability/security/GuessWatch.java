package dev.linden.observability.security;

import dev.linden.core.Session;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.observability.BindOutcome;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.OperationRecord;
import dev.linden.observability.security.AlertRaiser.Finding;
import dev.linden.observability.security.SecurityEvent.Severity;
import dev.linden.protocol.LdapResult;
import java.util.Map;

/**
 * Password guessing, seen in failed binds: spraying (one address failing against many accounts
 * while it logs few in, which blocks the address) and brute force (many failures against one account from anywhere,
 * which throttles binds naming the account). Neither is turned against the account's owner: a
 * failure from an address familiar for the account (one it bound from successfully of late, see
 * {@link FamiliarAddresses}) is the owner's typo, not a guess, and counts for neither; a brute-force
 * penalty spares the account's familiar addresses ({@link EnforcingHandler}); and the root DN is
 * never throttled (its alert is raised all the same).
 */
final class GuessWatch {
    private final DetectionSettings.PasswordSpray ps;
    private final DetectionSettings.BruteForce bf;
    private final String rootDn;
    private final FamiliarAddresses familiar;
    private final AlertRaiser raiser;
    private final Tracker<SprayState> spray;
    private final Tracker<BruteState> brute;

    GuessWatch(DetectionSettings settings, String rootDn, FamiliarAddresses familiar, AlertRaiser raiser) {
        this.ps = settings.passwordSpray();
        this.bf = settings.bruteForce();
        this.rootDn = rootDn;
        this.familiar = familiar;
        this.raiser = raiser;
        int max = settings.maxTracked();
        this.spray = new Tracker<>(max, ps.windowSeconds() * 1000L, k -> new SprayState(ps.accounts()));
        long bruteWindow = bf.windowSeconds() * 1000L;
        this.brute = new Tracker<>(max, bruteWindow, k -> new BruteState(bruteWindow));
    }

    void bind(OperationRecord r, long now) {
        BindOutcome b = r.bind();
        if (b == null || b.account().isEmpty()) {
            return;
        }
        Session session = r.session();
        long window = ps.windowSeconds() * 1000L;
        if (b.success()) {
            spray.get(AddressKeys.of(session.clientHost()), now).succeeded(hash(b.account()), now, window);
            return;
        }
        if (b.failure() == null) {
            return; // a SASL exchange goes on
        }
        LdapResult result = r.result();
        boolean owners = familiar.isFamiliar(b.account(), session.clientAddress());
        raiser.event(SecurityEvent.of("bind_failure", Severity.INFO)
                .with("reason", b.failure().label())
                .with("account", b.account())
                .with("method", b.method())
                .with("result", result == null ? null : (long) result.code().code())
                .with("familiar", owners ? true : null)
                .with("client", session.clientAddress())
                .with("conn", session.id())
                .build());
        if (b.lockout()) {
            raiser.event(SecurityEvent.of("lockout", Severity.WARNING)
                    .with("account", b.account())
                    .with("client", session.clientAddress())
                    .with("conn", session.id())
                    .build());
        }
        if (!b.failure().isGuess() || owners) {
            return;
        }
        String address = AddressKeys.of(session.clientHost());
        int[] accounts = spray.get(address, now).failed(hash(b.account()), now, window);
        if (accounts[0] >= ps.accounts() && accounts[0] > accounts[1]) {
            raiser.fire(
                    new Finding(
                            Detector.PASSWORD_SPRAY,
                            "address:" + address,
                            "address " + address,
                            ps.action(),
                            ps.actionSeconds(),
                            ps.windowSeconds(),
                            accounts[0] + " distinct accounts failed to bind from " + address
                                    + " within " + ps.windowSeconds() + " s"
                                    + (accounts[1] == 0 ? "" : " (and " + accounts[1] + " bound successfully)"),
                            Map.of("accounts", (long) accounts[0], "loggedIn", (long) accounts[1])),
                    session,
                    now);
        }
        BruteState state = brute.get(b.account(), now);
        long failures = state.failures.add(now, 1);
        int sources = state.source(address);
        if (failures >= bf.failures()) {
            raiser.fire(bruteForce(b.account(), failures, sources, state.sources()), session, now);
        }
    }

    /**
     * The brute-force finding: whose binds are throttled, from where the failures came, and which
     * addresses are spared (the account's familiar ones; all of them for the root DN).
     */
    private Finding bruteForce(String account, long failures, int sources, String from) {
        boolean root = account.equals(rootDn);
        int spared = familiar.count(account);
        String seen = failures + " failed binds against " + account + " from " + sources
                + (sources == BruteState.SOURCES ? " or more" : "") + " addresses within " + bf.windowSeconds() + " s";
        String done = root
                ? "the root DN is never throttled"
                : bf.action() == Action.NONE
                        ? "an alert only"
                        : "binds naming it are " + (bf.action() == Action.BLOCK ? "refused" : "throttled")
                                + " except from its " + spared + " familiar address" + (spared == 1 ? "" : "es")
                                + " (where it bound successfully of late)";
        return new Finding(
                Detector.BRUTE_FORCE,
                "account:" + account,
                "account " + account,
                root ? Action.NONE : bf.action(),
                bf.actionSeconds(),
                bf.windowSeconds(),
                seen + "; " + done,
                Map.of(
                        "failures",
                        failures,
                        "addresses",
                        (long) sources,
                        "from",
                        from,
                        "familiarAddresses",
                        (long) spared,
                        "spared",
                        root ? "root DN" : "familiar addresses"));
    }

    void expire(long now) {
        spray.expire(now);
        brute.expire(now);
    }

    long evicted() {
        return spray.evicted() + brute.evicted();
    }

    /** A 64-bit hash of an account name, so the spray table holds longs, not strings. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * The distinct accounts one address failed to bind as lately, and those it bound as: an address
     * that logs in more accounts than it fails (an application's server, an office's NAT, where
     * users mistype) is not spraying.
     */
    static final class SprayState extends Tracker.State {
        private final RecentAccounts failed;
        private final RecentAccounts succeeded;

        SprayState(int threshold) {
            int cap = 4 * Math.max(1, threshold);
            this.failed = new RecentAccounts(cap);
            this.succeeded = new RecentAccounts(cap);
        }

        /** Counts a failure against an account; returns the distinct accounts failed, then logged in, within the window. */
        synchronized int[] failed(long account, long now, long window) {
            return new int[] {failed.add(account, now, window), succeeded.count(now, window)};
        }

        synchronized void succeeded(long account, long now, long window) {
            succeeded.add(account, now, window);
        }
    }

    /** Failures against one account and (a few of) the addresses they came from. */
    static final class BruteState extends Tracker.State {
        static final int SOURCES = 16;
        final SlidingCounter failures;
        private final String[] sources = new String[SOURCES];
        private int sourceCount;

        BruteState(long window) {
            this.failures = new SlidingCounter(window);
        }

        synchronized int source(String address) {
            for (int i = 0; i < sourceCount; i++) {
                if (sources[i].equals(address)) {
                    return sourceCount;
                }
            }
            if (sourceCount < SOURCES) {
                sources[sourceCount++] = address;
            }
            return sourceCount;
        }

        /** The addresses, space-separated, first seen first. */
        synchronized String sources() {
            return String.join(" ", java.util.Arrays.asList(sources).subList(0, sourceCount));
        }
    }
}
