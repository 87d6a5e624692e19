package dev.linden.backend;

import dev.linden.model.schema.Schema;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decoded entries, so a hot entry is not parsed again on every search. Direct-mapped by ID (one
 * slot per ID modulo the size: no locks, bounded memory). A hit needs the stored record to be
 * byte-for-byte the one that was decoded, so the cache never needs invalidating and can never serve
 * an entry that a write has changed. Entries from the cache are shared: callers must not modify them.
 */
final class EntryCache {
    private static final class Slot {
        final long id;
        final byte[] record;
        final EntryCodec.Decoded decoded;
        volatile EntryCodec.Stored stored; // the record's sections, split on first need

        Slot(long id, byte[] record, EntryCodec.Decoded decoded) {
            this.id = id;
            this.record = record;
            this.decoded = decoded;
        }
    }

    private final AtomicReferenceArray<Slot> slots;
    private final Schema schema;

    EntryCache(Schema schema, int size) {
        this.schema = schema;
        this.slots = new AtomicReferenceArray<>(Math.max(1, size));
    }

    /**
     * The decoded record. Attributes whose values are kept apart ({@link Id2Values}) are only named:
     * their values are never cached, so changing them alone needs no invalidation either.
     */
    EntryCodec.Decoded decode(long id, byte[] record) {
        return slot(id, record).decoded;
    }

    /**
     * The record's sections, for sending the user section as it is: split once per cached record;
     * null when some values are kept apart (the section does not hold them all).
     */
    EntryCodec.Stored stored(long id, byte[] record) {
        Slot slot = slot(id, record);
        if (!slot.decoded.apart().isEmpty()) {
            return null;
        }
        EntryCodec.Stored s = slot.stored;
        if (s == null) {
            slot.stored = s = EntryCodec.split(record);
        }
        return s;
    }

    private Slot slot(long id, byte[] record) {
        int index = (int) Long.remainderUnsigned(id, slots.length());
        Slot slot = slots.get(index);
        if (slot != null && slot.id == id && Arrays.equals(slot.record, record)) {
            return slot;
        }
        slot = new Slot(id, record, EntryCodec.decodeAll(record, schema));
        slots.set(index, slot);
        return slot;
    }
}
