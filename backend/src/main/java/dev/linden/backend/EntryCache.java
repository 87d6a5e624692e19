package dev.linden.backend;

import dev.linden.model.schema.Schema;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decoded entries, so a hot entry is not parsed again on every search, held within a budget of
 * bytes (the heap the launcher gives the server grows with it, see {@code bin/linden}).
 *
 * <p>Direct-mapped by ID (one slot per ID modulo the slot count: no locks, no map). A hit needs the
 * stored record to be byte-for-byte the one that was decoded, so the cache never needs invalidating
 * and can never serve an entry that a write has changed. Each slot is charged its estimated heap size
 * ({@link EntrySize}); past the budget, a clock hand sweeps the slots and empties those not used since
 * its last pass. Entries from the cache are shared: callers must not modify them.
 *
 * <p>A decoded entry is kept only when it is read more often than the entry it would push out
 * ({@link FrequencySketch}): reads spread evenly over a directory larger than the cache would otherwise
 * replace an entry on nearly every read, and each replaced entry, having lived long enough to be
 * promoted, is garbage the collector must then find in the old generation. Hot entries stay.
 */
final class EntryCache {
    /** Slots per byte of budget: room for entries of 1 KiB on average before the budget, not the slots, binds. */
    private static final int BYTES_PER_SLOT = 1024;

    private static final int MAX_SLOTS = 1 << 22;

    /** A decoded record, and its sections split on first need. */
    static final class Cached {
        final long id;
        final byte[] record;
        final EntryCodec.Decoded decoded;
        private long bytes = -1; // estimated when it is to be kept: most entries read pass through
        private volatile EntryCodec.Stored stored;
        volatile boolean used; // since the clock hand last passed

        Cached(long id, byte[] record, EntryCodec.Decoded decoded) {
            this.id = id;
            this.record = record;
            this.decoded = decoded;
        }

        /** The heap this entry takes, as {@link EntrySize} estimates it. */
        long bytes() {
            if (bytes < 0) {
                bytes = EntrySize.estimate(decoded.entry(), record);
            }
            return bytes;
        }

        /**
         * The record's sections, for sending the user section as it is: split once; null when some
         * values are kept apart (the section does not hold them all).
         */
        EntryCodec.Stored stored() {
            if (!decoded.apart().isEmpty()) {
                return null;
            }
            EntryCodec.Stored s = stored;
            if (s == null) {
                stored = s = EntryCodec.split(record);
            }
            return s;
        }
    }

    private final Schema schema;
    private final RecordDecoding decoding;
    private final long maxBytes;
    private final AtomicReferenceArray<Cached> slots; // null: no cache
    private final FrequencySketch frequencies;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicInteger hand = new AtomicInteger();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    /**
     * The last entries this thread decoded and did not keep: the flagship flow reads one entry twice
     * in a row (an application finds a user, then binds as them), and a newcomer the frequencies turn
     * away on the first read would be decoded again on the second. A few, not one: the bind comes on
     * the network thread after the other clients' requests that came in between (with 8 clients on
     * one core, a single entry was nearly always another's: the bind decoded again, 30% of its CPU).
     */
    private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

    /** A thread's ring of entries turned away, written in place (ThreadLocal.set cost 3% of a search-then-bind). */
    private static final class Recent {
        private static final int SIZE = 16;
        /** Larger records are not kept: 16 of them stay within about 2 MiB of heap a thread. */
        static final int MAX_RECORD = 16 * 1024;

        private final Cached[] ring = new Cached[SIZE];
        private int next;

        Cached find(long id, byte[] record) {
            for (Cached c : ring) {
                if (c != null && c.id == id && Arrays.equals(c.record, record)) {
                    return c;
                }
            }
            return null;
        }

        void add(Cached c) {
            ring[next] = c;
            next = (next + 1) % SIZE;
        }
    }

    /** @param maxBytes the budget; 0 keeps nothing (every read decodes) */
    EntryCache(Schema schema, long maxBytes) {
        this.schema = schema;
        this.decoding = EntryCodec.recordDecoding(schema);
        this.maxBytes = Math.max(0, maxBytes);
        long count = Math.min(MAX_SLOTS, this.maxBytes / BYTES_PER_SLOT);
        this.slots = count == 0 ? null : new AtomicReferenceArray<>((int) count);
        this.frequencies = new FrequencySketch((int) count);
    }

    /**
     * The decoded record. Attributes whose values are kept apart ({@link Id2Values}) are only named:
     * their values are never cached, so changing them alone needs no invalidation either.
     */
    Cached get(long id, byte[] record) {
        if (slots == null) {
            misses.increment();
            return new Cached(id, record, EntryCodec.decodeAll(record, schema, decoding));
        }
        int index = (int) Long.remainderUnsigned(id, slots.length());
        frequencies.increment(id);
        Cached slot = slots.get(index);
        if (slot != null && slot.id == id && Arrays.equals(slot.record, record)) {
            hits.increment();
            if (!slot.used) {
                slot.used = true;
            }
            return slot;
        }
        Recent mine = recent.get();
        Cached again = mine.find(id, record);
        if (again != null) {
            hits.increment();
            return again;
        }
        misses.increment();
        Cached fresh = new Cached(id, record, EntryCodec.decodeAll(record, schema, decoding));
        // would push out too many others; estimated only for a record that could be (every stored byte
        // is under 34 of heap, an empty value's two at worst), since most misses are turned away unkept
        boolean huge = record.length * 64L > maxBytes / 8 && fresh.bytes() > maxBytes / 8;
        boolean turnedAway = huge
                // not read more often than the entry in its place
                || (slot != null && slot.id != id && frequencies.frequency(id) <= frequencies.frequency(slot.id))
                // full, and not read more often than the entry that would go
                // (a full cache needs no estimate to know that)
                || (slot == null
                        && (bytes.get() >= maxBytes || bytes.get() + fresh.bytes() > maxBytes)
                        && !evictForNewcomer(id));
        if (turnedAway) {
            if (record.length <= Recent.MAX_RECORD) { // a thread keeps no large entry alive
                mine.add(fresh);
            }
            return fresh;
        }
        Cached old = slots.getAndSet(index, fresh);
        charge(fresh, old);
        if (bytes.get() > maxBytes) {
            sweep();
        }
        return fresh;
    }

    /**
     * Empties the next slot under the clock hand if its entry is read less often than {@code id}'s;
     * whether it did. The hand is read once and moved past the slots looked at once (a slot per atomic
     * step cost 3% of a search's CPU where entries outgrow their slots and most slots are empty).
     */
    private boolean evictForNewcomer(long id) {
        int n = slots.length();
        int start = hand.get();
        int wanted = frequencies.frequency(id);
        for (int steps = 0; steps < 64; steps++) {
            int index = Math.floorMod(start + steps, n);
            Cached victim = slots.get(index);
            if (victim == null) {
                continue;
            }
            hand.compareAndSet(start, start + steps + 1); // lost to another thread's move: theirs stands
            if (wanted <= frequencies.frequency(victim.id)) {
                return false;
            }
            if (slots.compareAndSet(index, victim, null)) {
                charge(null, victim);
                return true;
            }
        }
        hand.compareAndSet(start, start + 64);
        return false;
    }

    EntryCacheStats stats() {
        return new EntryCacheStats(maxBytes, bytes.get(), entries.get(), hits.sum(), misses.sum());
    }

    private void charge(Cached added, Cached removed) {
        long delta = (added == null ? 0 : added.bytes()) - (removed == null ? 0 : removed.bytes());
        long count = (added == null ? 0 : 1) - (removed == null ? 0 : 1);
        bytes.addAndGet(delta);
        entries.addAndGet(count);
    }

    /**
     * Empties slots under the clock hand until the cache is within its budget: a slot used since the
     * last pass is spared once (its mark cleared). Threads that sweep at the same time take turns at
     * the hand; each stops once the budget holds.
     */
    private void sweep() {
        int n = slots.length();
        for (int steps = 0; steps < 2 * n && bytes.get() > maxBytes; steps++) {
            int index = Math.floorMod(hand.getAndIncrement(), n);
            Cached slot = slots.get(index);
            if (slot == null) {
                continue;
            }
            if (slot.used) {
                slot.used = false;
            } else if (slots.compareAndSet(index, slot, null)) {
                charge(null, slot);
            }
        }
    }
}
