package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Ava;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.Rdn;
import dev.linden.model.schema.AttributeType;
import dev.linden.storage.Cursor;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a replicated entry goes in the tree, decided from its name fact ({@link EntryState.Name}: an
 * RDN under a parent's entryUUID) and what is here, by rules that give every server the same tree
 * whatever the order changes arrive in:
 *
 * <ul>
 *   <li>two entries claiming one name (added, or renamed, concurrently on two servers): the one that
 *       claimed it first (smaller name CSN, then smaller entryUUID) has it; the other is named
 *       {@code <rdn>+entryUUID=<its uuid>} under the same parent;</li>
 *   <li>an entry whose parent is deleted (added or moved under it concurrently with its delete) or
 *       not here: it goes below {@code cn=lost+found,<suffix>} as {@code <rdn>+entryUUID=<uuid>};</li>
 *   <li>moves that make a cycle (A under B on one server, B under A on another): the entry of the
 *       cycle moved last goes below lost+found.</li>
 * </ul>
 *
 * Entries not at the place their name fact says are listed as displaced; whenever an entry is deleted
 * or renamed, each displaced entry is placed again (first-claimed first), so that when a name is
 * freed, the next claimant gets it, as it would have had it on a server that never saw the first.
 * Placing an entry is not a change of its own: no CSN, no changelog record; each server places
 * entries itself.
 */
final class Placement {
    private static final int MAX_SETTLE_ROUNDS = 8;

    private final EntryStore store;
    private final TreeLinks links;
    private final EntryStates states;
    private final LostAndFound lostAndFound;
    private final Tree displaced;
    private final AttributeType entryUuid;

    Placement(Storage storage, EntryStore store, TreeLinks links, EntryStates states) {
        this.store = store;
        this.links = links;
        this.states = states;
        this.lostAndFound = new LostAndFound(store, links, states);
        this.displaced = storage.tree("displaced");
        this.entryUuid = store.schema().attributeType("entryUUID");
    }

    /** A place in the tree: the DN and the ID of the parent (0 for a suffix). */
    record Place(Dn dn, long parentId) {}

    /**
     * The place for the entry {@code uuid} (ID {@code selfId} here, 0 if new) whose name fact is
     * {@code name}; entries that must make room (a later claimant of its name, the last-moved entry of a
     * cycle) are moved away first. Null when there is none (a suffix entry claimed by another entry).
     */
    Place placeFor(BackendTx tx, long selfId, String uuid, EntryState.Name name) throws LdapException {
        if (EntryState.SUFFIX.equals(name.parent())) {
            Dn dn = DnSyntax.parse(name.rdn(), store.schema());
            long holder = store.id(tx, dn);
            return holder == 0 || holder == selfId ? new Place(dn, 0) : null;
        }
        long parentId = idOf(tx, name.parent());
        if (parentId == 0) {
            return orphan(tx, uuid, name);
        }
        if (selfId != 0 && breaksCycle(tx, selfId, parentId, name)) {
            return orphan(tx, uuid, name);
        }
        Rdn rdn = DnSyntax.parseRdn(name.rdn(), store.schema());
        Dn parentDn = store.load(tx, parentId).dn();
        Dn dn = parentDn.child(rdn);
        long holder = store.id(tx, dn);
        if (holder == 0 || holder == selfId) {
            return new Place(dn, parentId);
        }
        Entry other = store.load(tx, holder);
        EntryState.Name theirs = states.of(tx, other).name();
        String otherUuid = states.uuidOf(other);
        if (claimedFirst(theirs, otherUuid, name, uuid)) {
            markDisplaced(tx, uuid);
            return new Place(parentDn.child(withUuid(rdn, uuid)), parentId);
        }
        move(tx, holder, other, parentDn.child(withUuid(rdn, otherUuid)), parentId);
        markDisplaced(tx, otherUuid);
        return new Place(dn, parentId);
    }

    /**
     * Takes away the suffix entry held here under the DN that the entry {@code uuid} claims by
     * {@code name}, when that one claimed it first and the holder has no subordinates (a server that
     * made its own suffix entry before it first heard from its provider); returns the entry taken away,
     * or null when the holder stays. A suffix cannot take a conflict name, so there is no other way to
     * make room for the first claimant.
     */
    Entry yieldSuffix(BackendTx tx, String uuid, EntryState.Name name) throws LdapException {
        Dn dn = DnSyntax.parse(name.rdn(), store.schema());
        long holder = store.id(tx, dn);
        if (holder == 0 || store.id2children.hasChildren(tx, holder)) {
            return null;
        }
        Entry other = store.load(tx, holder);
        if (claimedFirst(states.of(tx, other).name(), states.uuidOf(other), name, uuid)) {
            return null;
        }
        links.unlink(tx, holder, other.dn(), other);
        return other;
    }

    /** Moves entry {@code id} (and its subtree) to {@code place}, giving it the new RDN's values. */
    void move(BackendTx tx, long id, Entry entry, Dn to, long parentId) throws LdapException {
        Dn from = entry.dn();
        if (from.equals(to) && from.toString().equals(to.toString())) {
            return;
        }
        links.moveSubordinates(tx, from, to);
        links.relink(tx, id, from, to, parentId);
        Entry after = entry.copy();
        after.setDn(to);
        withRdnValues(after);
        store.store(tx, id, entry, after);
    }

    /** Gives the entry the values of its RDN it lacks (a merge may have dropped one; the name is what it is). */
    void withRdnValues(Entry entry) throws LdapException {
        if (entry.dn().isRoot()) {
            return;
        }
        for (Ava ava : entry.dn().rdn().avas()) {
            AttributeType type = store.schema().attributeType(ava.type());
            if (type == null) {
                continue;
            }
            Attribute a = entry.get(type);
            if (a == null || !a.containsNormalized(ava.normValue(), store.schema())) {
                List<byte[]> values = new ArrayList<>(a == null ? List.of() : a.values());
                values.add(ava.value().getBytes(StandardCharsets.UTF_8));
                entry.put(new Attribute(
                        a != null ? a.description() : dev.linden.model.AttributeDescription.of(type), values));
            }
        }
    }

    /** Before the entry {@code id} is deleted: its children, which a server that deleted it did not have, go to lost+found. */
    void orphanChildren(BackendTx tx, long id) throws LdapException {
        for (long child : store.id2children.children(tx, id, Integer.MAX_VALUE)) {
            Entry e = store.load(tx, child);
            String uuid = states.uuidOf(e);
            Place p = orphan(tx, uuid, states.of(tx, e).name());
            move(tx, child, e, p.dn(), p.parentId());
        }
    }

    /** Places every displaced entry again, first claimants first, until nothing moves. */
    void settle(BackendTx tx) throws LdapException {
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            List<String> uuids = displacedUuids(tx);
            if (uuids.isEmpty()) {
                break;
            }
            record Waiting(String uuid, long id, Entry entry, EntryState.Name name) {}
            List<Waiting> waiting = new ArrayList<>();
            for (String uuid : uuids) {
                long id = idOf(tx, uuid);
                if (id == 0) {
                    tx.delete(displaced, key(uuid)); // deleted since
                    continue;
                }
                Entry e = store.load(tx, id);
                waiting.add(new Waiting(uuid, id, e, states.of(tx, e).name()));
            }
            waiting.sort(Comparator.comparing((Waiting w) -> w.name().csn()).thenComparing(Waiting::uuid));
            boolean moved = false;
            for (Waiting w : waiting) {
                tx.delete(displaced, key(w.uuid()));
                Entry now = store.load(tx, w.id()); // an earlier move may have moved it with its parent
                Place p = placeFor(tx, w.id(), w.uuid(), w.name());
                if (p != null && !p.dn().equals(now.dn())) {
                    move(tx, w.id(), now, p.dn(), p.parentId());
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        lostAndFound.removeIfEmpty(tx);
    }

    /** Whether any entry waits for a better place (cheap: most stores have none). */
    boolean anyDisplaced(BackendTx tx) {
        try (Cursor c = tx.cursor(displaced, new byte[0])) {
            return c.next();
        }
    }

    private Place orphan(BackendTx tx, String uuid, EntryState.Name name) throws LdapException {
        long lf = lostAndFound.ensure(tx);
        Rdn rdn = DnSyntax.parseRdn(name.rdn(), store.schema());
        markDisplaced(tx, uuid);
        return new Place(store.load(tx, lf).dn().child(withUuid(rdn, uuid)), lf);
    }

    /**
     * Whether placing {@code selfId} under {@code parentId} makes a cycle (the parent is below it here).
     * If so, of the entries on the cycle the one moved last leaves it for lost+found: true when that is
     * this entry, else that entry is moved there now and the cycle is no more.
     */
    private boolean breaksCycle(BackendTx tx, long selfId, long parentId, EntryState.Name name) throws LdapException {
        Entry self = store.load(tx, selfId);
        Entry parent = store.load(tx, parentId);
        if (!parent.dn().isWithin(self.dn())) {
            return false;
        }
        long lastId = selfId;
        EntryState.Name last = name;
        for (Dn d = parent.dn(); d.size() > self.dn().size(); d = d.parent()) {
            long id = store.id(tx, d);
            EntryState.Name n = states.of(tx, store.load(tx, id)).name();
            if (n.newerThan(last)) {
                last = n;
                lastId = id;
            }
        }
        if (lastId == selfId) {
            return true;
        }
        Entry moving = store.load(tx, lastId);
        String uuid = states.uuidOf(moving);
        Place p = orphan(tx, uuid, last);
        move(tx, lastId, moving, p.dn(), p.parentId());
        return false;
    }

    private static boolean claimedFirst(EntryState.Name a, String aUuid, EntryState.Name b, String bUuid) {
        int c = a.csn().compareTo(b.csn());
        return c != 0 ? c < 0 : aUuid.compareTo(bUuid) < 0;
    }

    private Rdn withUuid(Rdn rdn, String uuid) throws LdapException {
        List<Ava> avas = new ArrayList<>();
        for (Ava a : rdn.avas()) {
            if (!a.normType().equals(entryUuid.name())) {
                avas.add(a);
            }
        }
        avas.add(DnSyntax.ava("entryUUID", uuid, store.schema()));
        return DnSyntax.makeRdn(avas);
    }

    private void markDisplaced(BackendTx tx, String uuid) {
        tx.put(displaced, key(uuid), new byte[] {1});
    }

    private List<String> displacedUuids(BackendTx tx) {
        List<String> out = new ArrayList<>();
        try (Cursor c = tx.cursor(displaced, new byte[0])) {
            while (c.next()) {
                out.add(new String(c.key(), StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    long idOf(BackendTx tx, String uuid) {
        for (Entry e : store.withValue(tx, entryUuid, uuid)) {
            return store.id(tx, e.dn());
        }
        return 0;
    }

    private static byte[] key(String uuid) {
        return uuid.getBytes(StandardCharsets.US_ASCII);
    }
}
