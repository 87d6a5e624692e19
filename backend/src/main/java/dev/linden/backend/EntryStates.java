package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.SyncSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where entries keep their {@link EntryState} (the lindenCsnState attribute), and how changes made
 * here add facts to it: an add gives the entry its creation and name, a rename a new name, and a
 * modification a fact for each value it adds or deletes, or a clear of the attribute when none of
 * its values is left. An entry stored without state (imported, written before states existed, or
 * received from slapd) has the state of an entry created whole at its entryCSN.
 */
final class EntryStates {
    static final String ATTRIBUTE = "lindenCsnState";

    private final EntryStore store;
    private final Schema schema;
    private final AttributeType stateType;
    private final AttributeType entryCsn;
    private final AttributeType entryUuid;
    private final long maxAgeMicros;
    private final boolean keeps;

    EntryStates(EntryStore store, ChangelogSettings settings) {
        this.keeps = settings.keepsState();
        this.store = store;
        this.schema = store.schema();
        this.stateType = schema.attributeType(ATTRIBUTE);
        this.entryCsn = schema.attributeType("entryCSN");
        this.entryUuid = schema.attributeType("entryUUID");
        this.maxAgeMicros = settings.maxAgeSeconds() * 1_000_000L;
    }

    /** Whether an attribute of this type takes part in states (not the state itself, entryCSN or entryUUID). */
    boolean tracked(AttributeType type) {
        return type != stateType && type != entryCsn && type != entryUuid;
    }

    /** The state an entry holds, or null when it holds none. */
    EntryState stored(Entry entry) {
        Attribute a = entry.get(stateType);
        return a == null || a.isEmpty() ? null : EntryState.parse(entry.strings(stateType));
    }

    /** The entry's state: the one it holds, else that of an entry created whole at its entryCSN under its present parent. */
    EntryState of(BackendTx tx, Entry entry) {
        EntryState s = stored(entry);
        return s != null ? s : derived(entry, parentUuid(tx, entry.dn()));
    }

    /** The state of an entry created whole at its entryCSN, named {@code entry.dn()}'s RDN under {@code parentUuid}. */
    EntryState derived(Entry entry, String parentUuid) {
        Csn csn = csnOf(entry);
        String rdn = EntryState.SUFFIX.equals(parentUuid)
                ? entry.dn().toString()
                : entry.dn().rdn().toString();
        return new EntryState(csn, new EntryState.Name(csn, parentUuid, rdn));
    }

    /** The entryUUID of the parent of {@code dn} here ({@link EntryState#SUFFIX} for a suffix), or "?" when it has none here. */
    String parentUuid(BackendTx tx, Dn dn) {
        if (store.isSuffix(dn)) {
            return EntryState.SUFFIX;
        }
        Dn parent = dn.parent();
        long id = parent == null || parent.isRoot() ? 0 : store.id(tx, parent);
        return id == 0 ? "?" : uuidOf(store.load(tx, id));
    }

    /** A new entry, added here at {@code csn}. */
    void added(BackendTx tx, Csn csn, Entry entry) {
        if (!keeps) {
            entry.remove(AttributeDescription.of(stateType));
            return;
        }
        String parent = parentUuid(tx, entry.dn());
        String rdn = EntryState.SUFFIX.equals(parent)
                ? entry.dn().toString()
                : entry.dn().rdn().toString();
        put(entry, new EntryState(csn, new EntryState.Name(csn, parent, rdn)));
    }

    /** An entry changed here at {@code csn} (modified, renamed or both): the facts of what changed join its state. */
    void changed(BackendTx tx, Csn csn, Entry before, Entry after) {
        if (!keeps) { // a state kept from before would no longer tell the truth: without one, it is derived
            after.remove(AttributeDescription.of(stateType));
            return;
        }
        EntryState s = of(tx, before);
        if (!after.dn().equals(before.dn())
                || !after.dn().toString().equals(before.dn().toString())) {
            String parent = parentUuid(tx, after.dn());
            String rdn = EntryState.SUFFIX.equals(parent)
                    ? after.dn().toString()
                    : after.dn().rdn().toString();
            s.rename(new EntryState.Name(csn, parent, rdn));
        }
        Map<String, Attribute[]> pairs = new LinkedHashMap<>();
        for (Attribute b : before.attributes()) {
            pairs.computeIfAbsent(b.description().key(), k -> new Attribute[2])[0] = b;
        }
        for (Attribute a : after.attributes()) {
            pairs.computeIfAbsent(a.description().key(), k -> new Attribute[2])[1] = a;
        }
        for (Map.Entry<String, Attribute[]> p : pairs.entrySet()) {
            Attribute b = p.getValue()[0];
            Attribute a = p.getValue()[1];
            AttributeType type = (a != null ? a : b).description().type();
            if (tracked(type) && a != b) {
                facts(s, p.getKey(), csn, b, a);
            }
        }
        forgetOld(s);
        put(after, s);
    }

    /** The facts of one attribute's change from {@code b} to {@code a} (either may be null). */
    private void facts(EntryState s, String attr, Csn csn, Attribute b, Attribute a) {
        if (a != null && b != null && a.isStored() && b.isStored() && a.store() == b.store()) {
            for (String n : a.addedNormalized()) { // a change to a huge group: only what it adds and removes
                s.value(attr, EntryState.hash(n), new EntryState.ValueFact(csn, true));
            }
            for (String n : a.removedNormalized()) {
                s.value(attr, EntryState.hash(n), new EntryState.ValueFact(csn, false));
            }
            return;
        }
        Set<String> was = b == null ? Set.of() : new HashSet<>(b.normalizedValues(schema));
        Set<String> is = a == null ? Set.of() : new HashSet<>(a.normalizedValues(schema));
        if (was.equals(is)) {
            return;
        }
        boolean kept = false;
        for (String n : is) {
            kept |= was.contains(n);
        }
        if (!was.isEmpty() && !kept) { // replaced or removed whole: older values anywhere are gone too
            s.clear(attr, csn);
            return;
        }
        for (String n : is) {
            if (!was.contains(n)) {
                s.value(attr, EntryState.hash(n), new EntryState.ValueFact(csn, true));
            }
        }
        for (String n : was) {
            if (!is.contains(n)) {
                s.value(attr, EntryState.hash(n), new EntryState.ValueFact(csn, false));
            }
        }
    }

    /** Drops facts older than the changelog keeps changes: every server still in the mesh has them. */
    void forgetOld(EntryState s) {
        long before = System.currentTimeMillis() * 1000L - maxAgeMicros;
        if (before > 0) {
            s.forgetBefore(Csn.of(before, 0, 0, 0));
        }
    }

    /** Stores {@code s} on the entry. */
    void put(Entry entry, EntryState s) {
        List<byte[]> values =
                s.format().stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        entry.put(new Attribute(AttributeDescription.of(stateType), values));
    }

    AttributeType type() {
        return stateType;
    }

    String uuidOf(Entry entry) {
        String u = entry.firstString(entryUuid);
        return u == null ? "?" : u;
    }

    Csn csnOf(Entry entry) {
        String c = entry.firstString(entryCsn);
        try {
            return c == null ? EntryState.ORIGIN : Csn.parse(c);
        } catch (SyncSyntaxException e) {
            return EntryState.ORIGIN;
        }
    }
}
