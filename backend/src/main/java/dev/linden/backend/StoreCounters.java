package dev.linden.backend;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the backend has done to the store since it opened: keys put and deleted and the bytes put
 * (keys and values; rolled-back writes included), and the keys of values kept apart
 * ({@link Id2Values}) it has read, by look-up or cursor step, and apart from those the keys the
 * changelog puts and deletes (a constant few per change, whatever the entry). Subtract two snapshots to
 * see what one operation cost: adding a member to a huge group puts three keys and reads one.
 */
public final class StoreCounters {
    private final LongAdder puts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder apartReads = new LongAdder();
    private final LongAdder logWrites = new LongAdder();

    /** The counts at one moment ({@code logWrites}: changelog keys put and deleted, counted apart). */
    public record Snapshot(long puts, long deletes, long bytes, long apartReads, long logWrites) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    puts - earlier.puts,
                    deletes - earlier.deletes,
                    bytes - earlier.bytes,
                    apartReads - earlier.apartReads,
                    logWrites - earlier.logWrites);
        }
    }

    void put(int size) {
        puts.increment();
        bytes.add(size);
    }

    void delete() {
        deletes.increment();
    }

    void logWrite() {
        logWrites.increment();
    }

    void readApart(int keys) {
        apartReads.add(keys);
    }

    public Snapshot snapshot() {
        return new Snapshot(puts.sum(), deletes.sum(), bytes.sum(), apartReads.sum(), logWrites.sum());
    }
}
