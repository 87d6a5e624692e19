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
 * <p>Entries are matched by entryUUID, whatever their DN. A received entry is merged with the one here
 * through their {@link EntryState}s ({@link StateMerge}): changes made concurrently on several servers
 * to different attributes, or different values, all survive, and the same attribute value resolves by
 * CSN, so every server ends with the same entry whatever the order of arrival. Its place in the tree
 * follows its name fact ({@link Placement}: name conflicts, deleted parents). A delete leaves a
 * tombstone: the entry never comes back. Changes keep their CSNs and are recorded in the changelog
 * under them. No referential integrity runs here: the provider's own rewrites arrive as changes of
 * their own.
 */
final class ReplicaApplier {
    private final TreeWriter writer;
    private final EntryStore store;
    private final ChangeRecorder recorder;
    private final EntryStates states;
    private final StateMerge merge;
    private final Placement placement;
    private final Tree meta;
    private final AttributeType entryUuid;

    ReplicaApplier(
            TreeWriter writer,
            EntryStore store,
            ChangeRecorder recorder,
            EntryStates states,
            dev.linden.storage.Storage storage) {
        this.writer = writer;
        this.store = store;
        this.recorder = recorder;
        this.states = states;
        this.merge = new StateMerge(store.schema(), states);
        this.placement = writer.placement();
        this.meta = storage.tree("meta");
        this.entryUuid = store.schema().attributeType("entryUUID");
    }

    /** What one batch did. */
    record Outcome(int applied, int skipped, List<String> problems) {}

    /**
     * Applies {@code changes} in order, then stores {@code cookie} under {@code cookieKey} (unless null)
     * and does {@code also}, all in one transaction. A change that cannot be applied here (no
     * entryUUID, a suffix entry claimed by two) is skipped and named in the outcome; the rest go on.
     */
    Outcome apply(
            List<ReplicaChange> changes, String cookieKey, byte[] cookie, java.util.function.Consumer<BackendTx> also)
            throws LdapException {
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
            writer.settle(tx);
            if (cookieKey != null && cookie != null) {
                tx.put(meta, cookieKey(cookieKey), cookie);
            }
            also.accept(tx);
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
        String u = uuid.toString();
        if (recorder.deletedAt(tx, u) != null) {
            return ""; // deleted here or elsewhere: a change made meanwhile does not bring it back
        }
        EntryState theirs = states.stored(incoming);
        if (theirs == null) { // a provider that keeps no state (slapd): the entry as a whole, at its entryCSN
            theirs = states.derived(incoming, states.parentUuid(tx, incoming.dn()));
        }
        long id = placement.idOf(tx, u);
        if (id == 0) {
            Entry added = incoming.copy();
            states.forgetOld(theirs);
            states.put(added, theirs);
            Placement.Place place = placement.placeFor(tx, 0, u, theirs.name());
            if (place == null) {
                Entry yielded = placement.yieldSuffix(tx, u, theirs.name());
                if (yielded == null) {
                    return incoming.dn() + ": another entry, older or with subordinates, is this suffix here";
                }
                recorder.deleted(tx, yielded); // a delete of this server's own: its peers drop it too
                place = placement.placeFor(tx, 0, u, theirs.name());
            }
            added.setDn(place.dn());
            placement.withRdnValues(added);
            Set<String> apart = store.apart(null, added);
            writer.links().insert(tx, added, apart, EntryStore.encode(added, apart));
            recorder.replicated(tx, csn, ChangeKind.ADD, null, added, null);
            return null;
        }
        Entry before = store.load(tx, id);
        EntryState ours = states.of(tx, before);
        Csn local = states.csnOf(before);
        if (ours.covers(theirs) && local.compareTo(csn) >= 0) {
            return ""; // nothing here that is not known already
        }
        EntryState joined = ours.join(theirs);
        states.forgetOld(joined);
        Entry after = merge.merge(before, ours, incoming, theirs, joined);
        after.put(
                store.schema().attributeType("entryCSN"),
                EntryState.max(local, csn).toString());
        String previous = null;
        if (!joined.name().equals(ours.name()) || !placedAsNamed(tx, before, ours)) {
            Placement.Place place = placement.placeFor(tx, id, u, joined.name());
            if (place == null) {
                return incoming.dn() + ": another entry is this suffix here";
            }
            Entry now = store.load(tx, id); // placing may have moved entries, this one's parents too
            if (!place.dn().equals(now.dn())
                    || !place.dn().toString().equals(now.dn().toString())) {
                writer.links().moveSubordinates(tx, now.dn(), place.dn());
                writer.links().relink(tx, id, now.dn(), place.dn(), place.parentId());
                previous = before.dn().toString();
            }
            after.setDn(place.dn());
            before = now;
        } else {
            after.setDn(before.dn());
        }
        placement.withRdnValues(after);
        store.store(tx, id, before, after);
        recorder.replicated(tx, csn, previous == null ? ChangeKind.MODIFY : ChangeKind.RENAME, before, after, previous);
        return null;
    }

    /** Whether the entry is at the place its name says (not displaced by a conflict, nor in lost+found). */
    private boolean placedAsNamed(BackendTx tx, Entry entry, EntryState state) {
        EntryState.Name n = state.name();
        if (EntryState.SUFFIX.equals(n.parent())) {
            return true;
        }
        Dn parent = entry.dn().parent();
        long parentId = parent == null ? 0 : store.id(tx, parent);
        return parentId != 0
                && n.parent().equals(states.uuidOf(store.load(tx, parentId)))
                && entry.dn().rdn().toString().equals(n.rdn());
    }

    private String delete(BackendTx tx, UUID uuid, Csn csn) throws LdapException {
        Csn when = csn != null ? csn : recorder.next();
        long id = placement.idOf(tx, uuid.toString());
        if (id == 0) {
            recorder.deletedElsewhere(tx, uuid.toString(), when); // its add may still be on its way
            return "";
        }
        placement.orphanChildren(tx, id); // added or moved below it elsewhere while it was deleted
        Entry entry = store.load(tx, id);
        writer.links().unlink(tx, id, entry.dn(), entry);
        recorder.replicated(tx, when, ChangeKind.DELETE, entry, null, null);
        return null;
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
