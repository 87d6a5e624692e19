package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Ava;
import dev.linden.model.Entry;
import dev.linden.model.Rdn;

/**
 * The heap a cached entry takes, estimated from its parts with the sizes of a 64-bit JVM with
 * compressed references (12-byte headers, 8-byte alignment): the record kept for comparison, its
 * split sections, the decoded DN and attributes, and the normalised form of every value (which
 * filters and access checks compute on first use). An estimate on the high side, so the cache stays
 * within its budget once its entries have been searched.
 */
final class EntrySize {
    private static final int OBJECT = 16; // header and a field or two
    private static final int ARRAY = 16; // header and length
    private static final int STRING = 24 + ARRAY; // String object and its byte array

    private EntrySize() {}

    static long estimate(Entry entry, byte[] record) {
        long size = 3 * OBJECT + bytes(record.length); // the cache slot, the decoded pair, the entry
        size += 3 * OBJECT + bytes(record.length); // the split sections: at most the record again
        size += 48 + 16L * entry.attributes().size(); // the attribute map and its table
        // DN, RDN list, normalised DN (its length stands for the shown form's too, which is made only when asked)
        size += 2 * OBJECT + STRING + entry.dn().normalized().length();
        for (Rdn rdn : entry.dn().rdns()) {
            size += 2 * OBJECT;
            for (Ava ava : rdn.avas()) {
                size += 2 * OBJECT
                        + 4L * STRING
                        + ava.type().length()
                        + ava.value().length()
                        + ava.normType().length()
                        + ava.normValue().length();
            }
        }
        for (Attribute a : entry.attributes()) {
            size += 40 + 2 * OBJECT; // map node, attribute, value lists
            if (a.isStored()) {
                continue; // values kept apart are not in the cache
            }
            for (byte[] v : a.values()) {
                size += 4 + bytes(v.length) + 4 + STRING + v.length; // the value, and its normalised form
            }
        }
        return size;
    }

    private static long bytes(int length) {
        return (ARRAY + length + 7) & ~7L;
    }
}
