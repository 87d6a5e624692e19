package dev.linden.server.cldap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets for the CLDAP listener: one per source address (IPv6: per /64, which one client
 * usually holds whole) and one for all sources together. Sources are remembered in a bounded table,
 * least recently seen forgotten first; a forged flood from many sources can empty the table, but
 * not the global bucket, which bounds what the listener sends in all. Synchronized: every listener
 * socket shares one limiter, and admitting a datagram is a few arithmetic operations.
 */
final class RateLimiter {
    /** Why a datagram was not admitted, or that it was. */
    enum Verdict {
        ADMITTED,
        SOURCE,
        GLOBAL
    }

    private final double sourceRate;
    private final double sourceBurst;
    private final double globalRate;
    private final Bucket global;
    private final Map<Key, Bucket> sources;

    RateLimiter(int sourceRate, int sourceBurst, int globalRate, int maxSources, long nowNanos) {
        this.sourceRate = sourceRate;
        this.sourceBurst = sourceBurst;
        this.globalRate = globalRate;
        // the global bucket holds a tenth of a second: a burst, never a second's worth at once
        this.global = new Bucket(Math.max(1, globalRate / 10.0), nowNanos);
        this.sources = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    synchronized Verdict admit(InetAddress source, long nowNanos) {
        Key key = Key.of(source);
        Bucket b = sources.get(key);
        if (b == null) {
            b = new Bucket(sourceBurst, nowNanos);
            sources.put(key, b);
        }
        if (!b.take(sourceRate, sourceBurst, nowNanos)) {
            return Verdict.SOURCE;
        }
        if (!global.take(globalRate, Math.max(1, globalRate / 10.0), nowNanos)) {
            return Verdict.GLOBAL;
        }
        return Verdict.ADMITTED;
    }

    synchronized int trackedSources() {
        return sources.size();
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        boolean take(double rate, double burst, long nowNanos) {
            long elapsed = nowNanos - lastNanos;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * rate / 1e9);
                lastNanos = nowNanos;
            }
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    /** An IPv4 address, or the first 64 bits of an IPv6 one. */
    record Key(byte[] prefix) {
        static Key of(InetAddress a) {
            byte[] b = a.getAddress();
            return new Key(a instanceof Inet4Address ? b : Arrays.copyOf(b, 8));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(prefix, k.prefix);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(prefix);
        }
    }
}
