package dev.linden.core.throttle;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client addresses each account bound from successfully of late, so that defences against
 * password guessing can tell the account's owner from a guesser ("smart lockout"): failures from
 * elsewhere must never slow or refuse a bind from where the owner usually binds.
 *
 * <p>Learnt only from binds that proved a credential (a password, simple or SASL, or a client
 * certificate), forgotten when the account's password changes, and after {@code keepMillis}
 * without a successful bind from that address. An address is an IPv4 address or an IPv6 /64 (one
 * client usually holds a whole /64), kept as 64 bits. Memory is bounded: at most
 * {@value #PER_ACCOUNT} addresses per account (the least recently used one makes room) and
 * {@code maxAccounts} accounts (expired ones go first, then the tenth seen least recently); nothing
 * survives a restart.
 */
public final class FamiliarAddresses {
    /** Addresses kept per account: enough for a user's few places, or a service's few servers. */
    static final int PER_ACCOUNT = 16;

    public static final int MAX_ACCOUNTS = 100_000;

    private final long keepMillis;
    private final int maxAccounts;
    private final Clock clock;
    private final Map<String, Places> accounts = new ConcurrentHashMap<>();
    private final AtomicBoolean evicting = new AtomicBoolean();

    /** @param keepMillis how long an address stays familiar after its last successful bind (0: none ever is) */
    public FamiliarAddresses(long keepMillis, Clock clock) {
        this(keepMillis, MAX_ACCOUNTS, clock);
    }

    FamiliarAddresses(long keepMillis, int maxAccounts, Clock clock) {
        this.keepMillis = keepMillis;
        this.maxAccounts = maxAccounts;
        this.clock = clock;
    }

    /** An account (a normalised DN) proved its credential from this client address ("ip:port"). */
    public void learn(String account, String clientAddress) {
        if (keepMillis <= 0 || account == null || account.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Places places = accounts.get(account);
        if (places == null) {
            if (accounts.size() >= maxAccounts) {
                makeRoom(now);
            }
            places = accounts.computeIfAbsent(account, k -> new Places());
        }
        places.add(key(clientAddress), now, keepMillis);
    }

    /** Whether the account bound successfully from this client address (or its /64) of late. */
    public boolean isFamiliar(String account, String clientAddress) {
        if (keepMillis <= 0 || account == null) {
            return false;
        }
        Places places = accounts.get(account);
        return places != null && places.contains(key(clientAddress), clock.millis() - keepMillis);
    }

    /** How many addresses are familiar for the account now. */
    public int count(String account) {
        Places places = account == null ? null : accounts.get(account);
        return places == null ? 0 : places.count(clock.millis() - keepMillis);
    }

    /** The account's password changed: whoever bound with the old one is a stranger again. */
    public void forget(String account) {
        accounts.remove(account);
    }

    /** Accounts with familiar addresses remembered (some possibly expired, not yet swept). */
    public int size() {
        return accounts.size();
    }

    /** Drops accounts whose every address expired. */
    public void expire() {
        long since = clock.millis() - keepMillis;
        accounts.values().removeIf(p -> p.count(since) == 0);
    }

    private void makeRoom(long now) {
        if (!evicting.compareAndSet(false, true)) {
            return; // another thread is at it: the table may briefly pass the cap by the threads racing here
        }
        try {
            expire();
            if (accounts.size() >= maxAccounts) {
                long[] seen =
                        accounts.values().stream().mapToLong(Places::lastSeen).toArray();
                Arrays.sort(seen);
                long cutoff = seen[Math.max(0, seen.length / 10 - 1)];
                accounts.values().removeIf(p -> p.lastSeen() <= cutoff);
            }
        } finally {
            evicting.set(false);
        }
    }

    /**
     * 64 bits for a client address ("ip:port", or a bare IP): an IPv4 address in the low 32 bits
     * under a prefix no IPv6 client has (ff.., multicast), an IPv6 address's /64 as it is, and
     * anything else (not an IP literal) hashed.
     */
    static long key(String clientAddress) {
        String host = BindThrottle.addressKey(clientAddress);
        if (host.endsWith("::/64")) {
            long bits = 0;
            for (String group : host.substring(0, host.length() - 5).split(":")) {
                bits = (bits << 16) | Integer.parseInt(group, 16);
            }
            return bits;
        }
        long ipv4 = ipv4(host);
        if (ipv4 >= 0) {
            return 0xFFFF_FFFF_0000_0000L | ipv4;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < host.length(); i++) {
            h ^= host.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A dotted IPv4 address as 32 bits, or -1. */
    private static long ipv4(String host) {
        long bits = 0;
        int octets = 0;
        int value = -1;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return -1;
                }
            } else if (c == '.' && value >= 0 && octets < 4) {
                bits = (bits << 8) | value;
                octets++;
                value = -1;
            } else {
                return -1;
            }
        }
        return octets == 4 ? bits : -1;
    }

    /** One account's familiar addresses and when each last bound, most recent kept; grows 2, 4 ... 16. */
    private static final class Places {
        private long[] addresses = new long[2];
        private long[] times = new long[2];
        private int size;
        private volatile long lastSeen;

        synchronized void add(long address, long now, long keepMillis) {
            lastSeen = now;
            int slot = -1;
            for (int i = 0; i < size; i++) {
                if (addresses[i] == address) {
                    times[i] = now;
                    return;
                }
                if (now - times[i] >= keepMillis) {
                    slot = i; // expired: reuse it
                }
            }
            if (slot < 0 && size < PER_ACCOUNT) {
                if (size == addresses.length) {
                    addresses = Arrays.copyOf(addresses, size * 2);
                    times = Arrays.copyOf(times, size * 2);
                }
                slot = size++;
            }
            if (slot < 0) { // full of live addresses: the least recently used one makes room
                slot = 0;
                for (int i = 1; i < size; i++) {
                    if (times[i] < times[slot]) {
                        slot = i;
                    }
                }
            }
            addresses[slot] = address;
            times[slot] = now;
        }

        synchronized boolean contains(long address, long since) {
            for (int i = 0; i < size; i++) {
                if (addresses[i] == address) {
                    return times[i] > since;
                }
            }
            return false;
        }

        synchronized int count(long since) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (times[i] > since) {
                    n++;
                }
            }
            return n;
        }

        long lastSeen() {
            return lastSeen;
        }
    }
}
