package dev.linden.core.throttle;

import dev.linden.core.RunOnWorker;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Slows down and stops password guessing, in memory, independently of the password policy's
 * lockout (which is per account and stored). Before a bind's password is checked, {@link #admit}
 * waits when the client address or the account failed often of late, so a guesser cannot learn
 * anything sooner by giving up early, and refuses an address that failed too often. The wait runs on
 * the operation's worker thread, never a network thread, is capped, and only
 * {@link ThrottleSettings#maxDelayedBinds} binds wait at once; more are answered busy at once.
 *
 * <p>Guessing is slowed where it comes from, never where the account's owner binds: an address
 * that bound to an account successfully of late ({@link FamiliarAddresses}) is familiar for it, and
 * failures are counted apart by where they came from. A failure from an address not familiar for
 * the account counts against that address (its binds to accounts it is not familiar with wait, then
 * are refused) and against the account (its binds from unfamiliar addresses wait). A failure from a
 * familiar address counts against that address and account together only, with the address's
 * thresholds, and a success from there clears it: the owner's typos never slow anyone else, and
 * guessing from the owner's own network is still slowed there. So failures from elsewhere can
 * neither delay nor refuse the owner's bind. The root DN has no account count (failures against it
 * count against their address only), so nobody can slow the administrator from elsewhere.
 *
 * <p>Addresses are counted per IPv4 address and per IPv6 /64 (one client usually holds a whole
 * /64). The tables are bounded: past {@value #MAX_TRACKED} keys, expired ones are dropped, and then
 * new keys are not tracked until room is made.
 */
public final class BindThrottle {
    static final int MAX_TRACKED = 100_000;
    private final ThrottleSettings settings;
    private final Clock clock;
    private final SecurityCounters counters;
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();
    private final Map<String, Window> accounts = new ConcurrentHashMap<>();
    /** failures from an address familiar for the account, by account and address */
    private final Map<String, Window> familiar = new ConcurrentHashMap<>();

    private final FamiliarAddresses familiarAddresses;
    private final Semaphore waiting;

    public BindThrottle(
            ThrottleSettings settings, Clock clock, SecurityCounters counters, FamiliarAddresses familiarAddresses) {
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
        this.familiarAddresses = familiarAddresses;
        this.waiting = new Semaphore(settings.maxDelayedBinds());
        counters.blockedAddressesFrom(this::blockedAddresses);
    }

    /**
     * Lets a bind go on to check its password, after a wait when its address or account failed
     * often of late. Refuses it (unwillingToPerform) when the address is blocked, or (busy) when too
     * many binds are waiting already.
     *
     * @param account the account named (a normalised DN)
     * @param rootDn whether that is the root DN, which has no account count
     */
    public void admit(String clientAddress, String account, boolean rootDn) throws LdapException {
        admit(clientAddress, account, rootDn, true);
    }

    /**
     * As above; when the bind may not wait here ({@code mayWait} false: it runs on a network thread) and
     * would be delayed, throws {@link RunOnWorker} instead, having counted nothing.
     */
    public void admit(String clientAddress, String account, boolean rootDn, boolean mayWait) throws LdapException {
        if (!settings.enabled()) {
            return;
        }
        // the failure tables first: they are small (only what failed of late) and usually hold nothing
        // for this bind, and then neither does it matter whether the address is familiar for the account
        // (a look-up in a table of every account that bound, a cache miss measured at 3% of a bind's CPU)
        Window address = addresses.get(addressKey(clientAddress));
        Window acc = rootDn ? null : accounts.get(account);
        Window pair = familiar.isEmpty() ? null : familiar.get(pairKey(account, clientAddress));
        if (address == null && acc == null && pair == null) {
            return;
        }
        long now = clock.millis();
        long delay;
        if (familiarAddresses.isFamiliar(account, clientAddress)) {
            // the owner's place: only failures from here, against this account, count
            refuseIfBlocked(pair, now);
            delay = delay(pair, settings.addressDelayAfter(), now);
        } else {
            refuseIfBlocked(address, now);
            delay = Math.max(
                    delay(address, settings.addressDelayAfter(), now), delay(acc, settings.accountDelayAfter(), now));
        }
        if (delay == 0) {
            return;
        }
        if (!mayWait) {
            throw RunOnWorker.INSTANCE;
        }
        if (!waiting.tryAcquire()) {
            counters.bindFailed(SecurityCounters.BindFailure.THROTTLED);
            throw new LdapException(ResultCode.BUSY, "too many failed binds of late; try again later");
        }
        try {
            counters.delayedBind();
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapException(ResultCode.BUSY, "server is shutting down");
        } finally {
            waiting.release();
        }
    }

    private void refuseIfBlocked(Window w, long now) throws LdapException {
        long until = w == null ? 0 : w.blockedUntil(now);
        if (until > now) {
            counters.bindFailed(SecurityCounters.BindFailure.THROTTLED);
            throw new LdapException(
                    ResultCode.UNWILLING_TO_PERFORM,
                    "too many failed binds from this address; try again in " + Math.max(1, (until - now + 999) / 1000)
                            + " s");
        }
    }

    /**
     * Counts a failed bind: from an address familiar for the account, against the two together;
     * otherwise against the address (blocking it past the threshold) and the account.
     */
    public void failed(String clientAddress, String account, boolean rootDn) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        if (familiarAddresses.isFamiliar(account, clientAddress)) {
            failAndMaybeBlock(window(familiar, pairKey(account, clientAddress), now), now);
            return;
        }
        failAndMaybeBlock(window(addresses, addressKey(clientAddress), now), now);
        Window acc = rootDn ? null : window(accounts, account, now);
        if (acc != null) {
            acc.fail(now);
        }
    }

    private void failAndMaybeBlock(Window w, long now) {
        // past the threshold, every failure while not blocked (re)blocks: after a block runs out, one more
        // failure within the window blocks again
        if (w != null
                && w.fail(now) >= settings.addressBlockAfter()
                && settings.addressBlockAfter() > 0
                && w.blockedUntil(now) <= now) {
            w.block(now + settings.blockSeconds() * 1000L);
            counters.addressBlocked();
        }
    }

    /**
     * A bind proved the account's credential from this address: the address is familiar for the
     * account from now on, and its own failures against it are cleared. Failures from elsewhere are
     * not: the owner's success says nothing about them, and guessing from there stays slowed.
     * Learnt even when throttling is off (detection uses the familiar addresses too).
     */
    public void succeeded(String clientAddress, String account) {
        familiarAddresses.learn(account, clientAddress);
        if (settings.enabled() && !familiar.isEmpty()) {
            familiar.remove(pairKey(account, clientAddress));
        }
    }

    /** Client addresses refused right now. */
    public int blockedAddresses() {
        long now = clock.millis();
        int n = 0;
        for (Map<String, Window> table : List.of(addresses, familiar)) {
            for (Window w : table.values()) {
                if (w.blockedUntil(now) > now) {
                    n++;
                }
            }
        }
        return n;
    }

    private long delay(Window w, int after, long now) {
        if (w == null || after == 0) {
            return 0;
        }
        int failures = w.failures(now);
        if (failures < after) {
            return 0;
        }
        int doublings = Math.min(failures - after, 20);
        return Math.min((long) settings.baseDelayMillis() << doublings, settings.maxDelayMillis());
    }

    private Window window(Map<String, Window> table, String key, long now) {
        Window w = table.get(key);
        if (w != null) {
            return w;
        }
        if (table.size() >= MAX_TRACKED) {
            table.values().removeIf(x -> x.expired(now));
            if (table.size() >= MAX_TRACKED) {
                return null;
            }
        }
        return table.computeIfAbsent(key, k -> new Window(settings.windowSeconds() * 1000L));
    }

    private static String pairKey(String account, String clientAddress) {
        return addressKey(clientAddress) + ' ' + account;
    }

    /**
     * The key a client address counts under: the IPv4 address, or the IPv6 /64. The transport writes
     * {@code address:port}; the port is dropped.
     */
    static String addressKey(String clientAddress) {
        String host = clientAddress;
        int colon = host.lastIndexOf(':');
        if (colon > 0) {
            host = host.substring(0, colon);
        }
        int scope = host.indexOf('%');
        if (scope > 0) {
            host = host.substring(0, scope);
        }
        if (host.indexOf(':') < 0 || !host.matches("[0-9A-Fa-f:.]+")) {
            return host; // IPv4 (or not an address at all: counted as written)
        }
        try {
            byte[] b = InetAddress.getByName(host).getAddress(); // a literal: no name lookup
            if (b.length == 16) {
                return String.format(
                        "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
            }
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /** Failures of one address or account within the current window, and any block. */
    private static final class Window {
        private final long length;
        private long start;
        private int failures;
        private long blockedUntil;

        Window(long length) {
            this.length = length;
        }

        synchronized int fail(long now) {
            if (failures == 0 || now - start >= length) {
                start = now;
                failures = 0;
            }
            return ++failures;
        }

        synchronized int failures(long now) {
            return now - start >= length ? 0 : failures;
        }

        synchronized void block(long until) {
            blockedUntil = until;
        }

        synchronized long blockedUntil(long now) {
            return blockedUntil;
        }

        synchronized boolean expired(long now) {
            return now - start >= length && blockedUntil <= now;
        }
    }
}
