package dev.linden.backend;

import java.util.concurrent.atomic.LongAdder;

/**
 * How the backend found the candidates of its searches, since start, for monitoring: from an index,
 * by scanning the scope (no index narrowed the filter), refused (an unindexed search past the limit),
 * or by scope alone (base and one-level searches need no index).
 */
public final class SearchCounters {
    private final LongAdder indexed = new LongAdder();
    private final LongAdder unindexed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder scoped = new LongAdder();

    void indexed() {
        indexed.increment();
    }

    void unindexed() {
        unindexed.increment();
    }

    void refused() {
        refused.increment();
    }

    void scoped() {
        scoped.increment();
    }

    public long indexedCount() {
        return indexed.sum();
    }

    public long unindexedCount() {
        return unindexed.sum();
    }

    public long refusedCount() {
        return refused.sum();
    }

    public long scopedCount() {
        return scoped.sum();
    }
}
