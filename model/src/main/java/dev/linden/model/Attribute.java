package dev.linden.model;

import dev.linden.model.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An attribute of an entry: its description and its values in the order they were added. Immutable.
 *
 * <p>A <em>stored</em> attribute keeps its values in a {@link ValueStore} (a huge group's members):
 * it is the stored values, less those removed, plus those added since it was read, and reads the
 * store only as far as each question needs: {@link #containsNormalized} is one look-up,
 * {@link #isEmpty} a few cursor steps, {@link #values} every value.
 */
public final class Attribute {
    private static final char REFUSED = '\uFFFF';
    private final AttributeDescription description;
    private List<byte[]> values; // for a stored attribute: null until every value is asked for
    private List<String> normalized; // computed on first use: values can be invalid only if the schema changed
    private final ValueStore store; // null: every value is in `values`
    private final List<byte[]> added; // stored attribute: values added, not in the store
    private final List<String> addedNormalized;
    private final Set<String> removed; // stored attribute: normalised forms of stored values removed

    public Attribute(AttributeDescription description, List<byte[]> values) {
        this(description, List.copyOf(values), null, List.of(), List.of(), Set.of());
    }

    private Attribute(
            AttributeDescription description,
            List<byte[]> values,
            ValueStore store,
            List<byte[]> added,
            List<String> addedNormalized,
            Set<String> removed) {
        this.description = description;
        this.values = values;
        this.store = store;
        this.added = added;
        this.addedNormalized = addedNormalized;
        this.removed = removed;
    }

    /** An attribute whose values are those of the store (which holds at least one). */
    public static Attribute stored(AttributeDescription description, ValueStore store) {
        return new Attribute(description, null, store, List.of(), List.of(), Set.of());
    }

    public AttributeDescription description() {
        return description;
    }

    /** Every value. For a stored attribute, the first call reads them all from the store. */
    public List<byte[]> values() {
        List<byte[]> v = values;
        if (v == null) {
            List<byte[]> all = new ArrayList<>(store.values(removed));
            all.addAll(added);
            values = v = Collections.unmodifiableList(all);
        }
        return v;
    }

    public int size() {
        return values().size();
    }

    /**
     * Whether no value is left. A stored attribute reads nothing unless values were removed (its store
     * holds at least one value), and then at most one value more than it removed.
     */
    public boolean isEmpty() {
        if (values != null) {
            return values.isEmpty();
        }
        return added.isEmpty() && !removed.isEmpty() && !store.hasOtherThan(removed);
    }

    /** Whether the values live in a {@link ValueStore}. */
    public boolean isStored() {
        return store != null;
    }

    /** The store of a stored attribute, else null. */
    public ValueStore store() {
        return store;
    }

    /** A stored attribute's values added since it was read (not in the store yet). */
    public List<byte[]> added() {
        return added;
    }

    /** The normalised forms of {@link #added()}, in the same order. */
    public List<String> addedNormalized() {
        return addedNormalized;
    }

    /** The normalised forms of a stored attribute's stored values removed since it was read. */
    public Set<String> removedNormalized() {
        return removed;
    }

    /** The values normalised by the type's equality rule, in the order of {@link #values()}. */
    public List<String> normalizedValues(Schema schema) {
        List<String> n = normalized;
        if (n == null) {
            List<byte[]> vs = values();
            List<String> list = new ArrayList<>(vs.size());
            for (byte[] v : vs) {
                list.add(normalizeOrRaw(v, schema));
            }
            normalized = n = Collections.unmodifiableList(list);
        }
        return n;
    }

    /** A value the rule refuses (loaded without checks) gets a form no valid assertion can equal. */
    public String normalizeOrRaw(byte[] v, Schema schema) {
        try {
            return description.type().normalize(v, schema);
        } catch (LdapException e) {
            return refused(v);
        }
    }

    /** The form of a value its rule refuses: one no valid assertion can equal. */
    public static String refused(byte[] v) {
        return REFUSED + new String(v, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Whether a form from {@link #normalizeOrRaw} is that of a value the rule refused (a noncharacter no rule yields). */
    public static boolean isRefused(String normalized) {
        return !normalized.isEmpty() && normalized.charAt(0) == REFUSED;
    }

    /** Whether the attribute holds a value equal to {@code normalizedValue} under the equality rule. */
    public boolean containsNormalized(String normalizedValue, Schema schema) {
        if (store == null || normalized != null) {
            return normalizedValues(schema).contains(normalizedValue);
        }
        return addedNormalized.contains(normalizedValue)
                || !removed.contains(normalizedValue) && store.contains(normalizedValue);
    }

    public Attribute withValues(List<byte[]> newValues) {
        return new Attribute(description, newValues);
    }

    /**
     * This attribute with more values, none of which it holds yet ({@code norms}: their normalised
     * forms). A stored attribute stays stored: the store is not read.
     */
    public Attribute withAdded(List<byte[]> more, List<String> norms) {
        if (store == null) {
            List<byte[]> v = new ArrayList<>(values);
            v.addAll(more);
            return new Attribute(description, v);
        }
        List<byte[]> a = new ArrayList<>(added);
        a.addAll(more);
        List<String> an = new ArrayList<>(addedNormalized);
        an.addAll(norms);
        return new Attribute(description, null, store, List.copyOf(a), List.copyOf(an), removed);
    }

    /**
     * This attribute without the values of these normalised forms (each of which it holds). A stored
     * attribute stays stored: the store is not read.
     */
    public Attribute withRemoved(Collection<String> norms, Schema schema) {
        if (store == null) {
            List<String> n = normalizedValues(schema);
            List<byte[]> v = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (!norms.contains(n.get(i))) {
                    v.add(values.get(i));
                }
            }
            return new Attribute(description, v);
        }
        List<byte[]> a = new ArrayList<>(added);
        List<String> an = new ArrayList<>(addedNormalized);
        Set<String> r = new HashSet<>(removed);
        for (String norm : norms) {
            int at = an.indexOf(norm);
            if (at >= 0) {
                a.remove(at);
                an.remove(at);
            } else {
                r.add(norm);
            }
        }
        return new Attribute(description, null, store, List.copyOf(a), List.copyOf(an), Set.copyOf(r));
    }
}
