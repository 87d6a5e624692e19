package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.sync.Csn;
import dev.linden.storage.Tree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies changes received from a provider (content synchronization), each batch in one write
 * transaction with the consumer's cookie, so the stored cookie never runs ahead of the data it
 * stands for: after a crash the consumer asks again from a state the store really holds.
 *
 * <p>Entries are matched by entryUUID, whatever their DN: an entry that comes with another DN is moved
 * (its subtree with it) before it takes the new content. An entry whose local entryCSN is at least the
 * incoming one is left alone (a change arriving twice, or out of date). Changes keep their CSNs and are
 * recorded in the changelog under them. No referential integrity runs here: the provider's own
 * rewrites arrive as changes of their own.
 */
final class ReplicaApplier {
    private final TreeWriter writer;
    private final EntryStore store;
    private final ChangeRecorder recorder;
    private final Tree meta;
    private final AttributeType entryUuid;

    ReplicaApplier(TreeWriter writer, EntryStore store, ChangeRecorder recorder, dev.linden.storage.Storage storage) {
        this.writer = writer;
        this.store = store;
        this.recorder = recorder;
        this.meta = storage.tree("meta");
        this.entryUuid = store.schema().attributeType("entryUUID");
    }

    /** What one batch did. */
    record Outcome(int applied, int skipped, List<String> problems) {
    }

    /**
     * Applies {@code changes} in order, then stores {@code cookie} under {@code cookieKey} (unless null),
     * all in one transaction. A change that cannot be applied here (its parent is missing, a delete of
     * an entry that still has children) is skipped and named in the outcome; the rest go on.
     */
    Outcome apply(List<ReplicaChange> changes, String cookieKey, byte[] cookie) throws LdapException {
        return writer.write(tx -> {
            int applied = 0;
            int skipped = 0;
            List<String> problems = new java.util.ArrayList<>();
            for (ReplicaChange change : changes) {
                String problem = switch (change) {
                    case ReplicaChange.Upsert u -> upsert(tx, u.entry());
                    case ReplicaChange.Delete d -> delete(tx, d.uuid(), d.csn());
                };
                if (problem == null) {
                    applied++;
                } else if (problem.isEmpty()) {
                    skipped++; // already here, or already gone
                } else {
                    skipped++;
                    problems.add(problem);
                }
            }
            if (cookieKey != null && cookie != null) {
                tx.put(meta, cookieKey(cookieKey), cookie);
            }
            return new Outcome(applied, skipped, problems);
        });
    }

    /** The cookie stored under this key, or null. */
    byte[] cookie(BackendTx tx, String key) {
        return tx.get(meta, cookieKey(key));
    }

    /** null when applied, "" when there was nothing to do, else why it could not be applied. */
    private String upsert(BackendTx tx, Entry incoming) throws LdapException {
        UUID uuid = uuidOf(incoming);
        Csn csn = recorder.received(incoming);
        if (uuid == null || csn == null) {
            return incoming.dn() + ": no entryUUID or entryCSN";
        }
        long id = idOf(tx, uuid);
        if (id == 0) {
            long taken = store.id(tx, incoming.dn());
            if (taken != 0) { // another entry under this name: the provider's is the one now
                Entry other = store.load(tx, taken);
                if (store.id2children.hasChildren(tx, taken)) {
                    return incoming.dn() + ": the name is held by another entry with children";
                }
                writer.unlink(tx, taken, other.dn(), other);
                recorder.replicated(tx, recorder.next(), ChangeKind.DELETE, other, null, null);
            }
            long parentId = incoming.dn().parent() == null || isSuffix(incoming.dn()) ? 0
                    : writer.parentId(tx, incoming.dn());
            if (parentId == 0 && !isSuffix(incoming.dn())) {
                return incoming.dn() + ": its parent is missing";
            }
            Set<String> apart = store.apart(null, incoming);
            writer.insert(tx, incoming, apart, EntryStore.encode(incoming, apart));
            recorder.replicated(tx, csn, ChangeKind.ADD, null, incoming, null);
            return null;
        }
        Entry before = store.load(tx, id);
        Csn local = recorder.received(before);
        if (local != null && local.compareTo(csn) >= 0) {
            return ""; // this state or a newer one is here already
        }
        Dn dn = before.dn();
        Entry after = incoming.copy();
        String previous = null;
        if (!dn.equals(incoming.dn()) || !dn.toString().equals(incoming.dn().toString())) {
            long newParentId = isSuffix(incoming.dn()) ? 0 : writer.parentId(tx, incoming.dn());
            if (newParentId == 0 && !isSuffix(incoming.dn())) {
                return incoming.dn() + ": its new parent is missing";
            }
            if (!dn.equals(incoming.dn()) && store.id(tx, incoming.dn()) != 0) {
                return incoming.dn() + ": the new name is held by another entry";
            }
            writer.moveSubordinates(tx, dn, incoming.dn());
            writer.relink(tx, id, dn, incoming.dn(), newParentId);
            previous = dn.toString();
        }
        store.store(tx, id, before, after);
        recorder.replicated(tx, csn, previous == null ? ChangeKind.MODIFY : ChangeKind.RENAME, before, after, previous);
        return null;
    }

    private String delete(BackendTx tx, UUID uuid, Csn csn) {
        long id = idOf(tx, uuid);
        if (id == 0) {
            return "";
        }
        Entry entry = store.load(tx, id);
        if (store.id2children.hasChildren(tx, id)) {
            return entry.dn() + ": not deleted, it still has children here";
        }
        writer.unlink(tx, id, entry.dn(), entry);
        recorder.replicated(tx, csn != null ? csn : recorder.next(), ChangeKind.DELETE, entry, null, null);
        return null;
    }

    private boolean isSuffix(Dn dn) {
        return store.isSuffix(dn);
    }

    private long idOf(BackendTx tx, UUID uuid) {
        for (Entry e : store.withValue(tx, entryUuid, uuid.toString())) {
            return store.id(tx, e.dn());
        }
        return 0;
    }

    private UUID uuidOf(Entry entry) {
        Attribute a = entry.get(entryUuid);
        if (a == null || a.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(a.values().get(0), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] cookieKey(String key) {
        return ("syncCookie." + key).getBytes(StandardCharsets.UTF_8);
    }
}
