package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps that put an entry in the tree, take it out, or give it another place, inside a write
 * transaction someone else holds: the names (dn2id), the parent's list of children and the record.
 * No CSN, no changelog, no checks beyond what the tree itself needs: {@link TreeWriter} makes changes
 * of them, {@link Placement} uses them to place entries after replication conflicts.
 */
final class TreeLinks {
    private final EntryStore store;
    private final List<Dn> suffixes;

    TreeLinks(EntryStore store, List<Dn> suffixes) {
        this.store = store;
        this.suffixes = List.copyOf(suffixes);
    }

    /** Puts a new entry in the tree under its existing parent (entryAlreadyExists, noSuchObject otherwise). */
    long insert(BackendTx tx, Entry entry, Set<String> apart, byte[] record) throws LdapException {
        Dn dn = entry.dn();
        if (store.id(tx, dn) != 0) {
            throw new LdapException(ResultCode.ENTRY_ALREADY_EXISTS, "");
        }
        long parentId = 0;
        if (!suffixes.contains(dn)) {
            Dn parent = dn.parent();
            parentId = parent == null || parent.isRoot() ? 0 : store.id(tx, parent);
            if (parentId == 0) {
                throw store.noSuchObject(tx, dn);
            }
        }
        Dn named = store.underParent(tx, dn, parentId); // the parent as it names itself
        if (named != dn) {
            entry.setDn(named);
            record = EntryStore.encode(entry, apart);
        }
        long id = store.nextId(tx);
        store.dn2id.put(tx, dn, id);
        if (parentId != 0) {
            store.id2children.add(tx, parentId, id);
        }
        store.store(tx, id, null, entry, apart, record);
        return id;
    }

    /** Takes a leaf entry out of the tree: its DN, its place under its parent, its record and keys. */
    void unlink(BackendTx tx, long id, Dn dn, Entry entry) {
        store.dn2id.delete(tx, dn);
        long parentId = parentId(tx, dn);
        if (parentId != 0) {
            store.id2children.remove(tx, parentId, id);
        }
        store.remove(tx, id, entry);
    }

    /** Gives entry {@code id} the DN {@code newDn} under the parent {@code newParentId} (0: a suffix entry). */
    void relink(BackendTx tx, long id, Dn dn, Dn newDn, long newParentId) {
        store.dn2id.delete(tx, dn);
        store.dn2id.put(tx, newDn, id);
        long oldParentId = parentId(tx, dn);
        if (oldParentId != newParentId) {
            if (oldParentId != 0) {
                store.id2children.remove(tx, oldParentId, id);
            }
            if (newParentId != 0) {
                store.id2children.add(tx, newParentId, id);
            }
        }
    }

    /** Gives every entry below {@code dn} its DN below {@code newDn}; returns the (old, new) DN pairs. */
    List<Dn[]> moveSubordinates(BackendTx tx, Dn dn, Dn newDn) throws LdapException {
        List<Dn[]> moves = new ArrayList<>();
        for (long subId : store.dn2id.subordinates(tx, dn, 0)) {
            EntryCodec.Decoded decoded = EntryCodec.decodeAll(store.record(tx, subId), store.schema());
            Entry sub = store.bind(tx, subId, decoded); // values kept apart are named, not read
            Dn moved = sub.dn().rebase(dn, newDn);
            moves.add(new Dn[] {sub.dn(), moved});
            store.dn2id.delete(tx, sub.dn());
            sub.setDn(moved);
            store.dn2id.put(tx, moved, subId);
            Set<String> apart = new HashSet<>(); // only the DN changes: values kept apart stay
            decoded.apart().forEach(d -> apart.add(d.key()));
            store.restoreRecord(tx, subId, EntryStore.encode(sub, apart));
        }
        return moves;
    }

    long parentId(BackendTx tx, Dn dn) {
        Dn parent = dn.parent();
        return parent == null || parent.isRoot() ? 0 : store.id(tx, parent);
    }
}
