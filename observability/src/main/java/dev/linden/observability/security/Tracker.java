package dev.linden.observability.security;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * State per key (a client address, an account, an identity) with bounded memory: entries idle for
 * longer than {@code idleMillis} are dropped by {@link #expire}; when the table is full, the idle
 * ones go first and then the tenth that was seen least recently, so an attacker with many addresses
 * can make the server forget old keys but never grow the table past {@code max}.
 */
final class Tracker<V extends Tracker.State> {
    /** What a tracker keeps per key; {@code lastSeen} decides what is forgotten first. */
    abstract static class State {
        volatile long lastSeen;
    }

    private final Map<String, V> map = new ConcurrentHashMap<>();
    private final int max;
    private final long idleMillis;
    private final Function<String, V> factory;
    private final AtomicBoolean evicting = new AtomicBoolean();
    private final LongAdder evicted = new LongAdder();

    Tracker(int max, long idleMillis, Function<String, V> factory) {
        this.max = max;
        this.idleMillis = idleMillis;
        this.factory = factory;
    }

    /** The state of {@code key}, created if needed, marked as seen now. */
    V get(String key, long now) {
        V v = map.get(key);
        if (v == null) {
            if (map.size() >= max) {
                makeRoom(now);
            }
            v = map.computeIfAbsent(key, factory);
        }
        v.lastSeen = now;
        return v;
    }

    /** The state of {@code key} if it is tracked. */
    V peek(String key) {
        return map.get(key);
    }

    void expire(long now) {
        map.values().removeIf(v -> now - v.lastSeen > idleMillis);
    }

    int size() {
        return map.size();
    }

    /** Keys forgotten because the table was full. */
    long evicted() {
        return evicted.sum();
    }

    private void makeRoom(long now) {
        if (!evicting.compareAndSet(false, true)) {
            return; // another thread is at it; the table may briefly exceed max by the threads racing here
        }
        try {
            int before = map.size();
            expire(now);
            if (map.size() >= max) {
                long[] seen = map.values().stream().mapToLong(v -> v.lastSeen).toArray();
                Arrays.sort(seen);
                long cutoff = seen[Math.max(0, seen.length / 10 - 1)];
                map.values().removeIf(v -> v.lastSeen <= cutoff);
            }
            evicted.add(Math.max(0, before - map.size()));
        } finally {
            evicting.set(false);
        }
    }
}
