package dev.linden.observability.security;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count of events over a sliding window, without locks: the window is cut into ten buckets, each
 * one long holding the bucket's number (upper 40 bits) and its count (lower 24 bits, saturating).
 * Adding is one compare-and-set on the current bucket; a bucket from an older turn of the ring is
 * reset by the first add that finds it. The sum covers between nine and ten tenths of the window.
 */
final class SlidingCounter {
    static final int BUCKETS = 10;
    private static final long COUNT_MASK = (1L << 24) - 1;

    private final AtomicLongArray slots;
    private final int offset;
    private final long bucketMillis;

    /** A counter in its own array. */
    SlidingCounter(long windowMillis) {
        this(new AtomicLongArray(BUCKETS), 0, windowMillis);
    }

    /** A counter in {@code BUCKETS} slots of a shared array, from {@code offset} (several counters, one object). */
    SlidingCounter(AtomicLongArray slots, int offset, long windowMillis) {
        this.slots = slots;
        this.offset = offset;
        this.bucketMillis = Math.max(1, windowMillis / BUCKETS);
    }

    /** Adds {@code n} at time {@code now}; returns the count within the window, this addition included. */
    long add(long now, long n) {
        long bucket = now / bucketMillis;
        int i = offset + (int) (bucket % BUCKETS);
        while (true) {
            long v = slots.get(i);
            long updated = (v >>> 24) == bucket
                    ? pack(bucket, Math.min(COUNT_MASK, (v & COUNT_MASK) + n))
                    : pack(bucket, Math.min(COUNT_MASK, n));
            if (slots.compareAndSet(i, v, updated)) {
                break;
            }
        }
        return sum(now);
    }

    long sum(long now) {
        long bucket = now / bucketMillis;
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long v = slots.get(offset + i);
            long b = v >>> 24;
            if (b <= bucket && b > bucket - BUCKETS) {
                total += v & COUNT_MASK;
            }
        }
        return total;
    }

    private static long pack(long bucket, long count) {
        return (bucket << 24) | count;
    }
}
