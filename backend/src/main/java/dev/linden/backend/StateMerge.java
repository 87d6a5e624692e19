package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.model.sync.Csn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges two versions of one entry, each with its {@link EntryState}: the values are those the joined
 * state keeps, taken from whichever version holds them (a value kept by the join was kept by the
 * version whose fact won, so one of them has it). Of a single-valued attribute left with several
 * values, the one added last stays. The result depends only on the two versions, not on which is
 * local: every server that merges the same versions stores the same entry.
 */
final class StateMerge {
    private final Schema schema;
    private final EntryStates states;

    StateMerge(Schema schema, EntryStates states) {
        this.schema = schema;
        this.states = states;
    }

    /** A candidate value: its bytes, its normalised form and when it was added. */
    private record Candidate(byte[] bytes, String normalized, Csn added, String hash) {}

    /**
     * The merge of {@code local} (state {@code ls}) and {@code incoming} (state {@code is}) as a copy of
     * {@code local} (its DN, its untracked attributes) with the merged tracked attributes and state.
     */
    Entry merge(Entry local, EntryState ls, Entry incoming, EntryState is, EntryState joined) {
        Entry out = local.copy();
        Map<String, AttributeDescription> descriptions = new LinkedHashMap<>();
        for (Entry e : List.of(local, incoming)) {
            for (Attribute a : e.attributes()) {
                if (states.tracked(a.description().type())) {
                    descriptions.putIfAbsent(a.description().key(), a.description());
                }
            }
        }
        for (Map.Entry<String, AttributeDescription> d : descriptions.entrySet()) {
            Attribute merged = mergeAttribute(
                    d.getKey(), d.getValue(), local.get(d.getValue()), ls, incoming.get(d.getValue()), is, joined);
            if (merged == null) {
                out.remove(d.getValue());
            } else {
                out.put(merged);
            }
        }
        states.put(out, joined);
        return out;
    }

    private Attribute mergeAttribute(
            String key,
            AttributeDescription d,
            Attribute l,
            EntryState ls,
            Attribute in,
            EntryState is,
            EntryState joined) {
        Map<String, Candidate> best = new HashMap<>();
        Map<String, Candidate> fromLocal = candidates(key, l, ls);
        Map<String, Candidate> fromIncoming = candidates(key, in, is);
        for (Map<String, Candidate> side : List.of(fromLocal, fromIncoming)) {
            for (Candidate c : side.values()) {
                best.merge(c.normalized(), c, StateMerge::later);
            }
        }
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : best.values()) {
            if (joined.keeps(key, c.hash(), c.added())) {
                kept.add(c);
            }
        }
        AttributeType type = d.type();
        if (type.isSingleValue() && kept.size() > 1) {
            kept = new ArrayList<>(List.of(kept.stream()
                    .max(Comparator.comparing(Candidate::added).thenComparing(Candidate::hash))
                    .get()));
        }
        if (kept.isEmpty()) {
            return null;
        }
        if (l != null && l.isStored()) { // a huge group stays apart: only what changes is written
            // (a value held here in another form of the same name keeps the form it has here)
            java.util.Set<String> keptNorms = new java.util.HashSet<>();
            kept.forEach(c -> keptNorms.add(c.normalized()));
            List<String> gone = new ArrayList<>();
            for (Candidate c : fromLocal.values()) {
                if (!keptNorms.contains(c.normalized())) {
                    gone.add(c.normalized());
                }
            }
            List<byte[]> more = new ArrayList<>();
            List<String> moreNorms = new ArrayList<>();
            for (Candidate c : kept) {
                if (!fromLocal.containsKey(c.normalized())) {
                    more.add(c.bytes());
                    moreNorms.add(c.normalized());
                }
            }
            return gone.isEmpty() && more.isEmpty()
                    ? l
                    : l.withRemoved(gone, schema).withAdded(more, moreNorms);
        }
        kept.sort(Comparator.comparing(Candidate::added).thenComparing(Candidate::normalized));
        List<byte[]> values = new ArrayList<>(kept.size());
        kept.forEach(c -> values.add(c.bytes()));
        if (l != null && sameValues(l.values(), values)) {
            return l;
        }
        return new Attribute(l != null ? l.description() : in.description(), values);
    }

    private Map<String, Candidate> candidates(String key, Attribute a, EntryState s) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        if (a == null) {
            return out;
        }
        List<byte[]> values = a.values();
        List<String> norms = a.normalizedValues(schema);
        for (int i = 0; i < values.size(); i++) {
            String hash = EntryState.hash(norms.get(i));
            out.put(norms.get(i), new Candidate(values.get(i), norms.get(i), s.addedAt(key, hash), hash));
        }
        return out;
    }

    /** Of two forms of one value, the one added later (equal times: the greater bytes), so every server picks the same. */
    private static Candidate later(Candidate a, Candidate b) {
        int c = a.added().compareTo(b.added());
        if (c == 0) {
            c = Arrays.compare(a.bytes(), b.bytes());
        }
        return c >= 0 ? a : b;
    }

    private static boolean sameValues(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
