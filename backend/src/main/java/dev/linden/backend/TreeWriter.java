package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.sync.CsnVector;
import dev.linden.protocol.ResultCode;
import dev.linden.storage.Storage;
import dev.linden.storage.TxFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every change to the tree — add, delete, modify, rename — each in one write transaction that also
 * checks what needs the tree (existence, parent, leafness) and keeps references in step. All of them
 * pass through {@link #write}: the one place where a change is committed, so the place where
 * anything that must see every change in commit order (a changelog) belongs.
 */
final class TreeWriter {
    private final Storage storage;
    private final EntryStore store;
    private final ReferentialIntegrity references;
    private final ChangeRecorder recorder;
    private final EntryStates states;
    private final Placement placement;
    private final TreeLinks links;
    private final StoreCounters counters;
    private final List<Dn> suffixes;
    private final AtomicLong version = new AtomicLong();
    private final CommitSignal signal = new CommitSignal();

    TreeWriter(
            Storage storage,
            EntryStore store,
            ReferentialIntegrity references,
            ChangeRecorder recorder,
            EntryStates states,
            StoreCounters counters,
            List<Dn> suffixes) {
        this.storage = storage;
        this.store = store;
        this.references = references;
        this.recorder = recorder;
        this.states = states;
        this.suffixes = List.copyOf(suffixes);
        this.links = new TreeLinks(store, this.suffixes);
        this.placement = new Placement(storage, store, links, states);
        this.counters = counters;
    }

    Placement placement() {
        return placement;
    }

    TreeLinks links() {
        return links;
    }

    CommitSignal signal() {
        return signal;
    }

    /** A number that changes after every write (committed or not): facts cached under one version still hold while it stays. */
    long version() {
        return version.get();
    }

    /** The one write transaction every change goes through (replicated ones too, see {@link ReplicaApplier}). */
    <T> T write(TxFunction<BackendTx, T, LdapException> work) throws LdapException {
        try {
            return BackendTx.write(storage, counters, work);
        } finally {
            version.incrementAndGet(); // also after a failed write: cheap, and never wrong
            signal.committed(); // followers of the changelog look for themselves whether anything came
        }
    }

    /**
     * Adds entries in order in one transaction (bulk import): all of them, or none if one fails. They
     * keep the entryCSN they bring and leave no changelog records (see {@link ChangeRecorder#prepareImport}).
     */
    void importAll(List<Entry> entries) throws LdapException {
        List<Set<String>> apart = new ArrayList<>(entries.size());
        List<byte[]> records = new ArrayList<>(entries.size());
        // the newest CSN of each server ID among them: what the changelog's bookkeeping moves past, once
        // for the batch (per entry, three meta records read, parsed and rewritten cost 7% of an import)
        CsnVector newest = CsnVector.EMPTY;
        for (Entry entry : entries) { // encoded here, not on the store's writer thread
            newest = newest.merge(CsnVector.of(recorder.prepareImport(entry)));
            apart.add(store.apart(null, entry));
            records.add(EntryStore.encode(entry, apart.getLast()));
        }
        CsnVector imported = newest;
        write(tx -> {
            for (int i = 0; i < entries.size(); i++) {
                links.insert(tx, entries.get(i), apart.get(i), records.get(i));
            }
            recorder.imported(tx, imported);
            return null;
        });
    }

    /** Adds one entry: a change with its CSN (stamped on the entry) and its changelog record. */
    void add(Entry entry) throws LdapException {
        EntryStore.encode(entry, Set.of()); // a DN too long for the store fails here, off the writer thread
        write(tx -> {
            var csn = recorder.stamp(entry);
            states.added(tx, csn, entry);
            Set<String> apart = store.apart(null, entry);
            links.insert(tx, entry, apart, EntryStore.encode(entry, apart));
            recorder.added(tx, csn, entry);
            return null;
        });
    }

    /** Deletes a leaf entry; {@code check} sees it first, in the same transaction (controls, access). */
    void delete(Dn dn, EntryCheck check) throws LdapException {
        write(tx -> {
            long id = store.id(tx, dn);
            if (id == 0) {
                throw store.noSuchObject(tx, dn);
            }
            if (store.id2children.hasChildren(tx, id)) {
                throw new LdapException(
                        ResultCode.NOT_ALLOWED_ON_NON_LEAF, "subordinate objects must be deleted first");
            }
            Entry entry = store.load(tx, id);
            check.check(entry);
            links.unlink(tx, id, dn, entry);
            recorder.deleted(tx, entry);
            references.fix(tx, dn, null);
            settle(tx); // a name freed: an entry that lost it to this one in a conflict gets it
            return null;
        });
    }

    /**
     * Deletes an entry and everything below it in one transaction, deepest first, each entry shown to
     * {@code check} before it goes (access, for one); more than {@code limit} entries in all is
     * adminLimitExceeded, and nothing is deleted. Each deletion is a change of its own (CSN, record).
     * Returns how many entries went.
     */
    int deleteSubtree(Dn dn, EntryCheck check, int limit) throws LdapException {
        return write(tx -> {
            long id = store.id(tx, dn);
            if (id == 0) {
                throw store.noSuchObject(tx, dn);
            }
            List<Long> below = store.dn2id.subordinates(tx, dn, limit);
            if (below.size() + 1 > limit) {
                throw new LdapException(
                        ResultCode.ADMIN_LIMIT_EXCEEDED,
                        "subtree of more than " + limit + " entries: delete it in parts");
            }
            List<Long> ids = new ArrayList<>(below);
            java.util.Collections.reverse(ids); // the subtree lists parents before children: leaves first
            ids.add(id);
            for (long each : ids) {
                Entry entry = store.load(tx, each);
                check.check(entry);
                links.unlink(tx, each, entry.dn(), entry);
                recorder.deleted(tx, entry);
                references.fix(tx, entry.dn(), null);
            }
            settle(tx); // names freed: entries that lost them in a replication conflict get them
            return ids.size();
        });
    }

    /** Replaces an entry by what {@code update} makes of it. Returns the entry stored. */
    Entry modify(Dn dn, EntryUpdate update) throws LdapException {
        return write(tx -> {
            long id = store.id(tx, dn);
            if (id == 0) {
                throw store.noSuchObject(tx, dn);
            }
            Entry before = store.load(tx, id);
            Entry after = update.apply(before.copy());
            var csn = recorder.stamp(after);
            states.changed(tx, csn, before, after);
            store.store(tx, id, before, after);
            recorder.modified(tx, csn, before, after);
            return store.stored(tx, id, after);
        });
    }

    /**
     * Moves an entry, and its whole subtree, to {@code requestedDn} (its parent part as the parent names itself). {@code update} computes the renamed
     * entry itself (RDN attribute values); subordinates only change their DN.
     */
    Entry rename(Dn dn, Dn requestedDn, EntryUpdate update) throws LdapException {
        return write(tx -> {
            Dn newDn = requestedDn;
            long id = store.id(tx, dn);
            if (id == 0) {
                throw store.noSuchObject(tx, dn);
            }
            if (!newDn.equals(dn) && store.id(tx, newDn) != 0) {
                throw new LdapException(ResultCode.ENTRY_ALREADY_EXISTS, "");
            }
            long newParentId = 0;
            if (!suffixes.contains(newDn)) {
                newParentId = links.parentId(tx, newDn);
                if (newParentId == 0) { // no matchedDN, as slapd: it would name a relative of the new superior
                    throw new LdapException(ResultCode.NO_SUCH_OBJECT, "new superior not found");
                }
            }
            if (newDn.isWithin(dn) && !newDn.equals(dn)) {
                throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "cannot move an entry below itself");
            }
            newDn = store.underParent(tx, newDn, newParentId); // the new RDN as given, under its parent as stored
            List<Dn[]> moves = links.moveSubordinates(tx, dn, newDn); // while their old keys are still in place
            Entry before = store.load(tx, id);
            Dn oldShown = before.dn();
            Entry after = update.apply(before.copy());
            after.setDn(newDn);
            var csn = recorder.stamp(after);
            states.changed(tx, csn, before, after);
            links.relink(tx, id, dn, newDn, newParentId);
            store.store(tx, id, before, after);
            recorder.renamed(tx, csn, oldShown, before, after);
            if (!newDn.equals(dn) || !newDn.toString().equals(oldShown.toString())) {
                references.fix(tx, dn, newDn);
                for (Dn[] move : moves) {
                    references.fix(tx, move[0], move[1]);
                }
                settle(tx);
            }
            return store.stored(tx, id, after);
        });
    }

    /** Places again entries displaced by replication conflicts, if there are any (see {@link Placement}). */
    void settle(BackendTx tx) throws LdapException {
        if (placement.anyDisplaced(tx)) {
            placement.settle(tx);
        }
    }
}
