package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One attribute type's index in its own tree. Keys are a kind byte, the indexed form and the entry
 * ID, so the IDs for one value are a sorted key range. Values of subtypes are indexed too
 * ({@code cn} values in a {@code name} index). Long values are cut to a prefix: candidates are always
 * re-checked against the filter, so a cut key only widens the candidate set.
 */
public final class AttributeIndex {
    private static final int MAX_VALUE_BYTES = 400;
    private static final byte EQ = 'e';
    private static final byte PRES = 'p';
    private static final byte SUB = 's';
    private static final byte[] EMPTY = new byte[0];

    private final AttributeType type;
    private final Set<IndexKind> kinds;
    private final Tree tree;
    private final Schema schema;
    private final boolean isObjectClass;

    AttributeIndex(Storage storage, Schema schema, AttributeType type, Set<IndexKind> kinds) {
        this.type = type;
        this.kinds = Set.copyOf(kinds);
        this.schema = schema;
        this.tree = storage.tree("index." + type.name());
        this.isObjectClass = type.name().equals("objectclass");
    }

    public AttributeType type() {
        return type;
    }

    public boolean has(IndexKind kind) {
        return kinds.contains(kind);
    }

    /** The keys (without the ID) this entry puts in the index. */
    Set<Key> keys(Entry entry) {
        Set<Key> keys = new HashSet<>();
        for (Attribute a : entry.attributes()) {
            if (!a.description().type().isSubtypeOf(type)) {
                continue;
            }
            if (kinds.contains(IndexKind.PRESENCE)) {
                keys.add(new Key(new byte[] {PRES}));
            }
            List<byte[]> values = a.values();
            // the attribute keeps its values' normalised forms (computed once, by a bulk load beforehand);
            // a subtype with a rule of its own is normalised by this index's type, as assertions are
            List<String> norms =
                    a.description().type().equality() == type.equality() ? a.normalizedValues(schema) : null;
            for (int i = 0; i < values.size(); i++) {
                byte[] v = values.get(i);
                String norm;
                if (norms != null) {
                    norm = norms.get(i);
                } else {
                    try {
                        norm = type.normalize(v, schema);
                    } catch (LdapException e) {
                        norm = Attribute.refused(v);
                    }
                }
                if (Attribute.isRefused(norm)) {
                    continue; // a value the rule refuses can never match an assertion
                }
                if (kinds.contains(IndexKind.EQUALITY)) {
                    keys.add(new Key(equalityPrefix(norm)));
                    if (isObjectClass) {
                        // (objectClass=person) matches subclasses: index every superclass too
                        ObjectClass oc = schema.objectClass(new String(v, StandardCharsets.UTF_8).strip());
                        if (oc != null) {
                            addSuperclassKeys(oc, keys);
                        }
                    }
                }
                if (kinds.contains(IndexKind.SUBSTRING) && type.substring() != null) {
                    String sub = normalizeForSubstring(v);
                    if (sub != null) {
                        for (String gram : grams("\u0002" + sub + "\u0003")) {
                            keys.add(new Key(gramPrefix(gram)));
                        }
                    }
                }
            }
        }
        return keys;
    }

    private void addSuperclassKeys(ObjectClass oc, Set<Key> keys) {
        keys.add(new Key(equalityPrefix(oc.oid())));
        for (ObjectClass sup : oc.superiors()) {
            addSuperclassKeys(sup, keys);
        }
    }

    private String normalizeForSubstring(byte[] v) {
        try {
            return type.substring().normalize(v, schema);
        } catch (LdapException e) {
            return null;
        }
    }

    /** Applies the difference between an entry's old and new keys. */
    void update(WriteTx tx, long id, Entry before, Entry after) {
        if (before != null && after != null && sameCovered(before, after)) {
            return; // a change elsewhere in the entry: computing both key sets cost 8% of a modify's CPU
        }
        Set<Key> old = before == null ? Set.of() : keys(before);
        Set<Key> now = after == null ? Set.of() : keys(after);
        for (Key k : old) {
            if (!now.contains(k)) {
                tx.delete(tree, k.withId(id));
            }
        }
        for (Key k : now) {
            if (!old.contains(k)) {
                tx.put(tree, k.withId(id), EMPTY);
            }
        }
    }

    /**
     * Whether the attributes this index covers are the very same objects in both entries: a changed
     * entry is a copy of the one read, sharing the attributes no change replaced (they are immutable).
     */
    private boolean sameCovered(Entry before, Entry after) {
        int covered = 0;
        for (Attribute a : after.attributes()) {
            if (a.description().type().isSubtypeOf(type)) {
                if (before.get(a.description()) != a) {
                    return false;
                }
                covered++;
            }
        }
        for (Attribute b : before.attributes()) {
            if (b.description().type().isSubtypeOf(type) && --covered < 0) {
                return false; // one more in the entry as it was: removed since
            }
        }
        return true;
    }

    /**
     * Updates the index for a change confined to the values added to and removed from one attribute
     * kept apart ({@link Attribute#isStored}), without reading its other values: possible when it is
     * the only attribute this index covers, before and after, and each value has exactly one key here
     * (equality, not cut; no substrings). Returns false, having done nothing, when not possible: the
     * caller then compares the whole entries ({@link #update}).
     */
    boolean updateByDelta(WriteTx tx, long id, Entry before, Entry after) {
        if (before == null || after == null || isObjectClass) {
            return false;
        }
        Attribute b = onlyCovered(before);
        Attribute a = onlyCovered(after);
        if (a == null
                || b == null
                || !a.isStored()
                || a.store() != b.store()
                || !b.added().isEmpty()
                || !b.removedNormalized().isEmpty()
                || (kinds.contains(IndexKind.SUBSTRING) && type.substring() != null)
                || a.description().type().equality() != type.equality()) {
            return false;
        }
        Set<String> removed = new HashSet<>(a.removedNormalized());
        a.addedNormalized().forEach(removed::remove); // removed and added again: the key stays
        Set<String> added = new HashSet<>(a.addedNormalized());
        a.removedNormalized().forEach(added::remove);
        for (Set<String> norms : List.of(removed, added)) {
            for (String n : norms) {
                if (n.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                    return false; // a cut key may be shared with another value
                }
            }
        }
        if (kinds.contains(IndexKind.EQUALITY)) {
            for (String n : removed) {
                if (!n.startsWith("\uFFFF")) { // a value the rule refuses has no key
                    tx.delete(tree, new Key(equalityPrefix(n)).withId(id));
                }
            }
            for (String n : added) {
                tx.put(tree, new Key(equalityPrefix(n)).withId(id), EMPTY);
            }
        }
        return true; // presence: the attribute is there before and after
    }

    /** The one attribute of the entry this index covers, or null when none or several. */
    private Attribute onlyCovered(Entry entry) {
        Attribute only = null;
        for (Attribute a : entry.attributes()) {
            if (a.description().type().isSubtypeOf(type)) {
                if (only != null) {
                    return null;
                }
                only = a;
            }
        }
        return only;
    }

    IdSet equality(ReadTx tx, String normalized) {
        return scan(tx, equalityPrefix(normalized));
    }

    IdSet presence(ReadTx tx) {
        return scan(tx, new byte[] {PRES});
    }

    /** Candidates for a substring assertion: entries holding every 3-gram of its pieces. Null when too short to tell. */
    IdSet substrings(ReadTx tx, String initial, java.util.List<String> any, String fin) {
        Set<String> grams = new HashSet<>();
        if (initial != null) {
            grams.addAll(grams("\u0002" + initial));
        }
        for (String a : any) {
            grams.addAll(grams(a));
        }
        if (fin != null) {
            grams.addAll(grams(fin + "\u0003"));
        }
        if (grams.isEmpty()) {
            return null;
        }
        IdSet result = null;
        for (String gram : grams) {
            IdSet ids = scan(tx, gramPrefix(gram));
            result = result == null ? ids : result.intersect(ids);
            if (result.isEmpty()) {
                break;
            }
        }
        return result;
    }

    private IdSet scan(ReadTx tx, byte[] prefix) {
        IdSet.Builder ids = new IdSet.Builder();
        try (Cursor c = tx.cursor(tree, prefix)) {
            while (c.next()) {
                byte[] key = c.key();
                if (key.length != prefix.length + 8 || !Dn2Id.startsWith(key, prefix)) {
                    if (!Dn2Id.startsWith(key, prefix)) {
                        break;
                    }
                    continue;
                }
                ids.add(Ids.read(key, prefix.length));
            }
        }
        return ids.build();
    }

    private static byte[] equalityPrefix(String norm) {
        byte[] v = norm.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(v.length, MAX_VALUE_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 3);
        out.write(EQ);
        out.write(n >>> 8);
        out.write(n);
        out.write(v, 0, n);
        return out.toByteArray();
    }

    private static byte[] gramPrefix(String gram) {
        byte[] g = gram.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[2 + g.length];
        k[0] = SUB;
        k[1] = (byte) g.length;
        System.arraycopy(g, 0, k, 2, g.length);
        return k;
    }

    private static Set<String> grams(String s) {
        Set<String> grams = new HashSet<>();
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i + 3 <= cps.length; i++) {
            grams.add(new String(cps, i, 3));
        }
        return grams;
    }

    /** An index key without its entry ID. */
    record Key(byte[] prefix) {
        byte[] withId(long id) {
            byte[] k = Arrays.copyOf(prefix, prefix.length + 8);
            Ids.put(k, prefix.length, id);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(prefix, other.prefix);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(prefix);
        }
    }
}
