package dev.linden.backend;

import dev.linden.model.sync.Csn;
import dev.linden.model.sync.SyncSyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change state of one entry (its lindenCsnState values): when it was created, when it got its
 * name and under which parent, when each attribute was last cleared, and when each value was last
 * added or deleted. Two states {@linkplain #join join} fact by fact (the newer CSN of each), an
 * operation that gives the same result in any order and any number of times: servers that have
 * received the same changes hold the same state, whatever the order they came in.
 *
 * <p>A value with no fact of its own was added when its attribute was last cleared (or the entry
 * created): an entry added whole, or received from a server that keeps no state (slapd), needs two
 * facts, not one per value. A value is present when it was added no earlier than its attribute was
 * cleared, and later than it was deleted.
 */
final class EntryState {
    /** The name an entry was given at {@code csn}: {@code rdn} under the entry with entryUUID {@code parent} ({@link #SUFFIX}: rdn is the suffix's DN). */
    record Name(Csn csn, String parent, String rdn) {
        boolean newerThan(Name other) {
            int c = csn.compareTo(other.csn);
            return c != 0 ? c > 0 : (parent + " " + rdn).compareTo(other.parent + " " + other.rdn) > 0;
        }
    }

    /** The last add ({@code present}) or delete of one value. */
    record ValueFact(Csn csn, boolean present) {
        boolean newerThan(ValueFact other) {
            int c = csn.compareTo(other.csn);
            return c != 0 ? c > 0 : !present && other.present; // never both from one change; deleted wins a tie
        }
    }

    static final String SUFFIX = "-";
    static final Csn ORIGIN = Csn.of(0, 0, 0, 0);
    private static final HexFormat HEX = HexFormat.of();

    private Csn created;
    private Name name;
    private final Map<String, Csn> cleared = new HashMap<>();
    private final Map<String, Map<String, ValueFact>> values = new HashMap<>();

    EntryState(Csn created, Name name) {
        this.created = created;
        this.name = name;
    }

    /** The state these values hold, or null when they lack its creation or name fact (none stored). */
    static EntryState parse(List<String> lines) {
        Csn created = null;
        Name name = null;
        List<String[]> rest = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ", 4);
            try {
                switch (f[0]) {
                    case "c" -> created = Csn.parse(f[1]);
                    case "n" -> name = f.length == 4 ? new Name(Csn.parse(f[1]), f[2], f[3]) : name;
                    default -> rest.add(f);
                }
            } catch (SyncSyntaxException | ArrayIndexOutOfBoundsException e) {
                // a fact this version cannot read is dropped: the others still converge
            }
        }
        if (created == null || name == null) {
            return null;
        }
        EntryState s = new EntryState(created, name);
        for (String[] f : rest) {
            try {
                switch (f[0]) {
                    case "a" -> s.clear(f[1], Csn.parse(f[2]));
                    case "v", "d" -> s.value(f[1], f[3], new ValueFact(Csn.parse(f[2]), f[0].equals("v")));
                    default -> {}
                }
            } catch (SyncSyntaxException | ArrayIndexOutOfBoundsException e) {
                // as above
            }
        }
        return s;
    }

    /** The facts as lindenCsnState values, in one order whatever the history, so equal states store equal bytes. */
    List<String> format() {
        List<String> out = new ArrayList<>();
        out.add("c " + created);
        out.add("n " + name.csn() + " " + name.parent() + " " + name.rdn());
        cleared.forEach((attr, csn) -> out.add("a " + attr + " " + csn));
        values.forEach((attr, facts) ->
                facts.forEach((hash, f) -> out.add((f.present() ? "v " : "d ") + attr + " " + f.csn() + " " + hash)));
        out.subList(2, out.size()).sort(null);
        return out;
    }

    Csn created() {
        return created;
    }

    Name name() {
        return name;
    }

    void rename(Name newName) {
        name = newName;
    }

    /** Since when values of this attribute (by description key) count: its last clear, or the entry's creation. */
    Csn clearedAt(String attr) {
        Csn c = cleared.get(attr);
        return c != null && c.compareTo(created) > 0 ? c : created;
    }

    ValueFact fact(String attr, String hash) {
        Map<String, ValueFact> facts = values.get(attr);
        return facts == null ? null : facts.get(hash);
    }

    /** The attribute was cleared at {@code csn}: values added before it are gone, and their facts with them. */
    void clear(String attr, Csn csn) {
        if (csn.compareTo(clearedAt(attr)) > 0) {
            cleared.put(attr, csn);
            Map<String, ValueFact> facts = values.get(attr);
            if (facts != null) {
                facts.values().removeIf(f -> f.csn().compareTo(csn) <= 0);
            }
        }
    }

    /** Records a value's add or delete (by its hash) unless a newer fact about it is here. */
    void value(String attr, String hash, ValueFact fact) {
        if (fact.csn().compareTo(clearedAt(attr)) <= 0) {
            return; // the clear says all there is to say
        }
        Map<String, ValueFact> facts = values.computeIfAbsent(attr, a -> new HashMap<>());
        ValueFact old = facts.get(hash);
        if (old == null || fact.newerThan(old)) {
            facts.put(hash, fact);
        }
    }

    /** When a value now held (by its hash) was added: its own fact, else the attribute's last clear. */
    Csn addedAt(String attr, String hash) {
        ValueFact f = fact(attr, hash);
        return f != null && f.present() ? f.csn() : clearedAt(attr);
    }

    /** Whether a value added at {@code added} is still there under this state. */
    boolean keeps(String attr, String hash, Csn added) {
        if (added.compareTo(clearedAt(attr)) < 0) {
            return false;
        }
        ValueFact f = fact(attr, hash);
        return f == null || f.present() || f.csn().compareTo(added) < 0;
    }

    /** This state joined with {@code other}: the newer of each pair of facts. Neither is changed. */
    EntryState join(EntryState other) {
        EntryState j = new EntryState(max(created, other.created), other.name.newerThan(name) ? other.name : name);
        for (EntryState s : List.of(this, other)) {
            s.cleared.forEach(j::clear);
        }
        for (EntryState s : List.of(this, other)) {
            s.values.forEach((attr, facts) -> facts.forEach((hash, f) -> j.value(attr, hash, f)));
        }
        return j;
    }

    /** Whether every fact of {@code other} is here or outdated by one here: joining it would change nothing. */
    boolean covers(EntryState other) {
        if (created.compareTo(other.created) < 0 || other.name.newerThan(name)) {
            return false;
        }
        for (Map.Entry<String, Csn> c : other.cleared.entrySet()) {
            if (clearedAt(c.getKey()).compareTo(c.getValue()) < 0) {
                return false;
            }
        }
        for (Map.Entry<String, Map<String, ValueFact>> a : other.values.entrySet()) {
            Csn clear = clearedAt(a.getKey());
            for (Map.Entry<String, ValueFact> v : a.getValue().entrySet()) {
                ValueFact mine = fact(a.getKey(), v.getKey());
                if (v.getValue().csn().compareTo(clear) > 0
                        && (mine == null || v.getValue().newerThan(mine))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Forgets facts older than {@code horizon}: changes that old have reached every server that is not
     * to be refreshed in full, so a value present stays present and a value gone stays gone without them.
     */
    void forgetBefore(Csn horizon) {
        cleared.values().removeIf(c -> c.compareTo(horizon) < 0);
        for (Map<String, ValueFact> facts : values.values()) {
            facts.values().removeIf(f -> f.csn().compareTo(horizon) < 0);
        }
        values.values().removeIf(Map::isEmpty);
    }

    /** A value's identity in facts: 48 bits of the SHA-256 of its normalised form (a collision needs ~16 million values of one attribute). */
    static String hash(String normalized) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    static Csn max(Csn a, Csn b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryState s && format().equals(s.format());
    }

    @Override
    public int hashCode() {
        return Objects.hash(created, name);
    }
}
