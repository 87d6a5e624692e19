package dev.linden.core.control;

import dev.linden.model.Attribute;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.matching.MatchingRule;
import dev.linden.model.schema.Schema;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * The entries of a sorted search, as IDs with their sort keys only (never the entries): a key is the
 * least value of the attribute under its ordering rule, in its normalised form, as slapd's sssvlv
 * takes it (the least even when reversed); an entry without a value sorts after the others, before them when
 * reversed; entries with equal keys keep the order the walk found them in. Sized for lists of
 * 100,000 entries: a few megabytes, held by a virtual list view so that scrolling never walks again.
 */
public final class SortedList {
    private final SortControl sort;
    private final Schema schema;
    private long[] ids = new long[64];
    private String[][] keys = new String[64][];
    private int size;
    private int[] order; // positions in walk order, once sorted

    public SortedList(SortControl sort, Schema schema) {
        this.sort = sort;
        this.schema = schema;
    }

    /** Adds a matching entry; {@code readable} says which attributes the asker may read (the others count as absent). */
    public void add(long id, Entry entry, Predicate<dev.linden.model.schema.AttributeType> readable) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        String[] k = new String[sort.keys().size()];
        for (int i = 0; i < k.length; i++) {
            SortControl.Key key = sort.keys().get(i);
            k[i] = readable.test(key.attribute().type()) ? least(entry, key) : null;
        }
        ids[size] = id;
        keys[size] = k;
        size++;
    }

    public int size() {
        return size;
    }

    /** Sorts what was added (stable: equal keys keep the walk's order). */
    public SortedList sort() {
        Integer[] positions = new Integer[size];
        for (int i = 0; i < size; i++) {
            positions[i] = i;
        }
        Arrays.sort(positions, Comparator.comparing(i -> keys[i], this::compareKeys));
        order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = positions[i];
        }
        return this;
    }

    /** The IDs in sorted order from {@code from} (inclusive) to {@code to} (exclusive), 0-based. */
    public long[] ids(int from, int to) {
        long[] out = new long[Math.max(0, to - from)];
        for (int i = from; i < to; i++) {
            out[i - from] = ids[order[i]];
        }
        return out;
    }

    /**
     * The 0-based position of the first entry whose first key comes at or after {@code value} in the
     * list's order (normalised by the first key's rule); {@link #size()} when none does.
     */
    public int firstAtOrAfter(byte[] value) throws LdapException {
        SortControl.Key first = sort.keys().get(0);
        String wanted = first.ordering().normalize(value, schema);
        for (int i = 0; i < size; i++) {
            String k = keys[order[i]][0];
            int c = k == null
                    ? (first.reverse() ? -1 : 1)
                    : first.ordering().compare(k, wanted) * (first.reverse() ? -1 : 1);
            if (c >= 0) {
                return i;
            }
        }
        return size;
    }

    private int compareKeys(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            SortControl.Key key = sort.keys().get(i);
            int direction = key.reverse() ? -1 : 1;
            int c;
            if (a[i] == null) {
                c = b[i] == null ? 0 : direction;
            } else if (b[i] == null) {
                c = -direction;
            } else {
                c = key.ordering().compare(a[i], b[i]) * direction;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * The least value of the key's attribute (its subtypes too), or null when it has none: values in
     * the attribute's normalised form (its equality rule's, as slapd keeps them), ordered by the key's rule.
     */
    private String least(Entry entry, SortControl.Key key) {
        MatchingRule rule = key.ordering();
        String least = null;
        for (Attribute a : entry.matching(key.attribute())) {
            MatchingRule form = a.description().type().equality() != null
                    ? a.description().type().equality()
                    : rule;
            for (byte[] v : a.values()) {
                String norm;
                try {
                    norm = form.normalize(v, schema);
                } catch (LdapException e) {
                    continue; // a value the rule cannot order is left out
                }
                if (least == null || rule.compare(norm, least) < 0) {
                    least = norm;
                }
            }
        }
        return least;
    }
}
