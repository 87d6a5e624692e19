package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Attributes whose values are kept apart from the entry record, in {@link Id2Values}: those of the
 * configured types (member, uniqueMember) with more values than the threshold. Below it a record
 * is small, rewriting it costs no more than writing a few value keys, values keep the order they
 * were added in and reading the entry stays one look-up; above it, the cost of a record grows with
 * the group, and the table's does not. Once apart, an attribute stays apart while changes add and
 * remove values; when it is replaced whole, the threshold decides again.
 *
 * <p>Read entries hold such an attribute as {@link Attribute#stored}: a membership test is one
 * look-up, and a change made with {@link Attribute#withAdded} and {@link Attribute#withRemoved}
 * writes only the keys of the values it adds and removes.
 */
final class LargeAttributes {
    private final Storage storage;
    private final Schema schema;
    private final Id2Values values;
    private final Set<AttributeType> types = new HashSet<>();
    private final int threshold;
    private final StoreCounters counters;

    LargeAttributes(Storage storage, Schema schema, List<String> typeNames, int threshold, StoreCounters counters) {
        this.storage = storage;
        this.counters = counters;
        this.schema = schema;
        this.values = new Id2Values(storage);
        this.threshold = threshold;
        for (String name : typeNames) {
            AttributeType type = schema.attributeType(name);
            if (type == null) {
                throw new IllegalArgumentException("largeValues.types: undefined attribute type " + name);
            }
            if (type.isSingleValue() || type.equality() == null) {
                throw new IllegalArgumentException("largeValues.types: " + name
                        + " is single-valued or has no equality rule: its values cannot be kept apart");
            }
            types.add(type);
        }
    }

    /** Whether values of this description may be kept apart. */
    boolean eligible(AttributeDescription d) {
        return types.contains(d.type())
                && d.key().getBytes(StandardCharsets.UTF_8).length <= Id2Values.MAX_DESCRIPTION_BYTES;
    }

    /** The stored entry: the decoded record, with the attributes it keeps apart read on demand in {@code tx}. */
    Entry bind(BackendTx tx, long id, EntryCodec.Decoded decoded) {
        if (decoded.apart().isEmpty()) {
            return decoded.entry();
        }
        Entry entry = decoded.entry().copy();
        for (AttributeDescription d : decoded.apart()) {
            entry.put(Attribute.stored(d, new StoredValues(tx, storage, values, id, d.key(), counters)));
        }
        return entry;
    }

    /** Whether {@code a} is the attribute {@code before} read from the table (perhaps with values added or removed). */
    static boolean sameStore(Entry before, Attribute a) {
        if (!a.isStored() || before == null) {
            return false;
        }
        Attribute b = before.get(a.description());
        return b != null && b.store() == a.store();
    }

    /** The description keys of the attributes of {@code after} to keep apart. */
    Set<String> apart(Entry before, Entry after) {
        Set<String> keys = new HashSet<>();
        for (Attribute a : after.attributes()) {
            if (eligible(a.description()) && (sameStore(before, a) || a.size() > threshold)) {
                keys.add(a.description().key());
            }
        }
        return keys;
    }

    /**
     * Brings the table from {@code before} (null: a new entry) to {@code after} (null: deleted), whose
     * attributes with the keys {@code apart} are kept apart. Call after the indexes are updated: an
     * attribute read from the table reads it as it was.
     */
    void write(BackendTx tx, long id, Entry before, Entry after, Set<String> apart) {
        if (before != null) {
            for (Attribute b : before.attributes()) {
                if (!(b.store() instanceof StoredValues stored)) {
                    continue;
                }
                Attribute a = after == null ? null : after.get(b.description());
                if (a != null
                        && a.store() == b.store()
                        && apart.contains(a.description().key())) {
                    Id2Values.Summary change = Id2Values.Summary.NONE;
                    for (String removed : a.removedNormalized()) { // first: a value removed and added again is put back
                        change = change.plus(values.delete(tx, Id2Values.key(stored.prefix(), removed)));
                    }
                    for (int i = 0; i < a.added().size(); i++) {
                        byte[] key = Id2Values.key(
                                stored.prefix(), a.addedNormalized().get(i));
                        change = change.plus(values.put(tx, key, a.added().get(i)));
                    }
                    values.adjust(tx, stored.prefix(), change); // once for the change, not per value
                } else {
                    values.deleteAll(tx, stored.prefix());
                }
            }
        }
        if (after != null) {
            for (Attribute a : after.attributes()) {
                if (apart.contains(a.description().key()) && !sameStore(before, a)) {
                    // normalized once per attribute (a bulk load does it beforehand)
                    values.putAll(
                            tx, Id2Values.prefix(id, a.description().key()), a.normalizedValues(schema), a.values());
                }
            }
        }
    }

    /**
     * Referential integrity on an attribute kept apart: {@code a} without {@code oldDn}, or with it
     * rewritten to {@code newDn}, read and changed by look-ups; {@code a} itself when it does not hold it.
     */
    static Attribute renamed(Attribute a, Dn oldDn, Dn newDn, Schema schema) {
        String old = oldDn.normalized();
        if (!a.containsNormalized(old, schema)) {
            return a;
        }
        Attribute b = a.withRemoved(Set.of(old), schema);
        if (newDn != null) {
            String now = newDn.normalized();
            if (now.equals(old) || !b.containsNormalized(now, schema)) {
                b = b.withAdded(List.of(newDn.toString().getBytes(StandardCharsets.UTF_8)), List.of(now));
            }
        }
        return b;
    }
}
