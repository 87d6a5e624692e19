package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps DN-valued attributes (member, uniqueMember, owner, seeAlso, manager by default) in step with
 * deletes and renames, inside the write transaction: every entry naming the old DN gets it rewritten
 * to the new one, or removed. Referring entries are found through the attributes' equality indexes,
 * so the cost is the number of referring entries, not the size of the directory.
 */
final class ReferentialIntegrity {
    private final EntryStore store;
    private final IndexSet indexes;
    private final ChangeRecorder recorder;
    private final EntryStates states;
    private final Schema schema;

    ReferentialIntegrity(EntryStore store, IndexSet indexes, ChangeRecorder recorder, EntryStates states) {
        this.store = store;
        this.states = states;
        this.indexes = indexes;
        this.recorder = recorder;
        this.schema = store.schema();
    }

    /** Rewrites references to {@code oldDn} as {@code newDn}, or removes them when {@code newDn} is null. */
    void fix(BackendTx tx, Dn oldDn, Dn newDn) throws LdapException {
        for (AttributeType type : indexes.referenceTypes()) {
            IdSet ids = indexes.of(type, IndexKind.EQUALITY).equality(tx, oldDn.normalized());
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                Entry before = store.load(tx, id);
                if (before == null) {
                    continue;
                }
                Entry after = before.copy();
                boolean changed = false;
                for (Attribute a : before.attributes()) {
                    if (!a.description().type().isSubtypeOf(type)) {
                        continue;
                    }
                    Attribute b = a.isStored()
                            ? LargeAttributes.renamed(a, oldDn, newDn, schema) // a look-up, two keys
                            : rewritten(a, oldDn, newDn);
                    if (b != a) {
                        after.put(b); // no values left: the attribute goes
                        changed = true;
                    }
                }
                if (changed) { // a change of its own: replicas receive it like any other
                    var csn = recorder.stamp(after);
                    states.changed(tx, csn, before, after);
                    store.store(tx, id, before, after);
                    recorder.modified(tx, csn, before, after);
                }
            }
        }
    }

    /** {@code a} with {@code oldDn} rewritten or removed; {@code a} itself when it does not hold it. */
    private Attribute rewritten(Attribute a, Dn oldDn, Dn newDn) {
        List<byte[]> values = new ArrayList<>();
        List<String> norms = a.normalizedValues(schema);
        boolean hit = false;
        for (int v = 0; v < a.size(); v++) {
            if (norms.get(v).equals(oldDn.normalized())) {
                hit = true;
                boolean sameName = newDn != null && newDn.normalized().equals(oldDn.normalized());
                if (newDn != null && (sameName || !norms.contains(newDn.normalized()))) {
                    values.add(newDn.toString().getBytes(StandardCharsets.UTF_8));
                }
            } else {
                values.add(a.values().get(v));
            }
        }
        return hit ? a.withValues(values) : a;
    }
}
