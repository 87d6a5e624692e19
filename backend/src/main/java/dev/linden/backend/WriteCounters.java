package dev.linden.backend;

import java.util.concurrent.atomic.LongAdder;

/** Keys the backend has put and deleted, and the bytes it has put (keys and values), since it opened. */
public final class WriteCounters {
    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    /** The counts at one moment; subtract two to see what a write did. */
    public record Snapshot(long puts, long deletes, long bytes) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(puts - earlier.puts, deletes - earlier.deletes, bytes - earlier.bytes);
        }
    }

    void put(int size) {
        puts.increment();
        bytes.add(size);
    }

    void delete() {
        deletes.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(puts.sum(), deletes.sum(), bytes.sum());
    }
}
