package dev.linden.observability.security;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one reader (a bound identity, or an anonymous client's address) read: in the sliding window
 * now, and usually. Three measures — entries received, broad searches over a whole tree, further
 * pages of paged searches — each a lock-free {@link SlidingCounter}, and each with its usual
 * amount: the most the reader read in one window of late, fading by half every half-life.
 *
 * <p>The usual amount is learnt when a window ends (windows here are fixed: the n-th window of its
 * length since the epoch) from what that window read, but a window teaches at most the threshold it
 * was judged by ({@link Norm#threshold}): a job that reads much, or grows, becomes usual within a few
 * windows, while a crawl cannot make itself usual at once, and a throttled one reads too little to
 * teach much. Windows without reading teach nothing; the usual amount only fades.
 */
final class ReaderState extends Tracker.State {
    static final int ENTRIES = 0;
    static final int BROAD = 1;
    static final int PAGES = 2;
    static final int MEASURES = 3;

    /** What is unusual: the floors, how many times the usual amount, and how fast it fades. */
    record Norm(long[] floors, double factor, long windowMillis, long halfLifeMillis) {
        /** Unusual from this amount on: the floor, or {@code factor} times the usual amount if more. */
        long threshold(int measure, double usual) {
            return Math.max(floors[measure], (long) Math.ceil(factor * usual));
        }
    }

    private final SlidingCounter[] now = new SlidingCounter[MEASURES];
    private final long[] windowTotals = new long[MEASURES];
    private final double[] usual = new double[MEASURES];
    private long window = Long.MIN_VALUE;
    private long usualAt;

    ReaderState(long windowMillis) {
        AtomicLongArray slots = new AtomicLongArray(MEASURES * SlidingCounter.BUCKETS);
        for (int m = 0; m < MEASURES; m++) {
            this.now[m] = new SlidingCounter(slots, m * SlidingCounter.BUCKETS, windowMillis);
        }
    }

    /** Adds {@code n} to a measure (0 only reads it); returns the amount within the sliding window. */
    long add(int measure, long at, long n, Norm norm) {
        if (n == 0) {
            return now[measure].sum(at);
        }
        synchronized (this) {
            roll(at, norm);
            windowTotals[measure] += n;
        }
        return now[measure].add(at, n);
    }

    /** The usual amount of a measure at {@code at} (faded). */
    synchronized double usual(int measure, long at, Norm norm) {
        roll(at, norm);
        return faded(measure, at, norm);
    }

    /** When a new fixed window starts, the one that ended teaches what is usual. */
    private void roll(long at, Norm norm) {
        long current = at / norm.windowMillis();
        if (current == window) {
            return;
        }
        if (window != Long.MIN_VALUE) {
            for (int m = 0; m < MEASURES; m++) {
                double before = faded(m, at, norm);
                long taught = Math.min(windowTotals[m], norm.threshold(m, before));
                usual[m] = Math.max(before, taught);
                windowTotals[m] = 0;
            }
        }
        usualAt = at;
        window = current;
    }

    private double faded(int measure, long at, Norm norm) {
        long elapsed = at - usualAt;
        return elapsed <= 0 ? usual[measure] : usual[measure] * Math.pow(0.5, (double) elapsed / norm.halfLifeMillis());
    }
}
