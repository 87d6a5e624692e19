package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory tree on the key/value storage: each method is one storage transaction over the
 * trees (DN index, entries, children, attribute indexes). Checks that need the tree (existence,
 * parent, leaf) happen here, inside the transaction that writes.
 */
public final class Backend implements AutoCloseable {
    private static final byte[] NEXT_ID = "nextId".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Storage storage;
    private final Schema schema;
    private final BackendConfig config;
    private final Dn2Id dn2id;
    private final Id2Entry id2entry;
    private final Id2Children id2children;
    private final Tree meta;
    private final List<AttributeIndex> indexes = new ArrayList<>();
    private final SearchPlanner planner;
    private final Map<AttributeType, AttributeIndex> indexByType;
    private final GroupGraph groups;
    private final DynamicGroups dynamic;
    private final List<AttributeType> referenceTypes = new ArrayList<>();
    private final EntryCache cache;
    private final ShownDns shown;
    private final LargeAttributes large;
    private final StoreCounters counters = new StoreCounters();
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final SearchCounters searchCounters = new SearchCounters();

    public Backend(Storage storage, Schema schema, BackendConfig config) {
        this.storage = storage;
        this.schema = schema;
        this.config = config;
        this.dn2id = new Dn2Id(storage);
        this.id2entry = new Id2Entry(storage);
        this.id2children = new Id2Children(storage);
        this.meta = storage.tree("meta");
        this.large = new LargeAttributes(storage, schema, config.largeValueTypes(), config.largeValueThreshold(), counters);
        Map<AttributeType, AttributeIndex> byType = new HashMap<>();
        for (var e : config.indexes().entrySet()) {
            AttributeType type = schema.attributeType(e.getKey());
            if (type == null) {
                throw new IllegalArgumentException("index on undefined attribute type " + e.getKey());
            }
            AttributeIndex index = new AttributeIndex(storage, schema, type, e.getValue());
            indexes.add(index);
            byType.put(type, index);
        }
        for (String name : config.referentialIntegrity()) {
            AttributeType type = schema.attributeType(name);
            if (type == null) {
                throw new IllegalArgumentException("referential integrity on undefined attribute type " + name);
            }
            if (!byType.containsKey(type) || !byType.get(type).has(IndexKind.EQUALITY)) {
                // referential integrity finds referring entries through this index: it must exist
                Set<IndexKind> kinds = java.util.EnumSet.of(IndexKind.EQUALITY);
                if (byType.containsKey(type)) {
                    indexes.remove(byType.get(type));
                    for (IndexKind k : IndexKind.values()) {
                        if (byType.get(type).has(k)) {
                            kinds.add(k);
                        }
                    }
                }
                AttributeIndex index = new AttributeIndex(storage, schema, type, kinds);
                indexes.add(index);
                byType.put(type, index);
            }
            referenceTypes.add(type);
        }
        this.indexByType = Map.copyOf(byType);
        this.groups = new GroupGraph(schema);
        this.dynamic = new DynamicGroups(schema, config.unindexedLimit());
        this.planner = new SearchPlanner(schema, byType, groups, dn2id, new SearchPlanner.Lookups() {
            @Override
            public Entry entry(ReadTx tx, Dn dn) {
                return withDynamicMembers(tx, Backend.this.entry((BackendTx) tx, dn), Selection.SERVER);
            }

            @Override
            public List<Entry> find(ReadTx tx, AttributeType type, String normalized) {
                return groupsListing(tx, type, normalized, Selection.SERVER);
            }
        });
        this.cache = new EntryCache(schema, config.entryCacheSize());
        this.shown = new ShownDns(id2entry, cache);
    }

    public Schema schema() {
        return schema;
    }

    public BackendConfig config() {
        return config;
    }

    public Storage storage() {
        return storage;
    }

    /**
     * A number that changes after every committed write: derived facts (group memberships) cached
     * under one version are still true while it stays the same.
     */
    public long version() {
        return version.get();
    }

    /** Keys written and values kept apart read so far: what an operation cost the store. */
    public StoreCounters.Snapshot counters() {
        return counters.snapshot();
    }

    private <T> T write(dev.linden.storage.TxFunction<BackendTx, T, LdapException> work) throws LdapException {
        try {
            return storage.write(raw -> {
                BackendTx tx = BackendTx.writing(raw, counters);
                try {
                    return work.apply(tx);
                } finally {
                    tx.close();
                }
            });
        } finally {
            version.incrementAndGet(); // also after a failed write: cheap, and never wrong
        }
    }

    private <T, E extends Exception> T inRead(dev.linden.storage.TxFunction<BackendTx, T, E> work) throws E {
        return storage.read(raw -> {
            BackendTx tx = BackendTx.reading(raw);
            try {
                return work.apply(tx);
            } finally {
                tx.close();
            }
        });
    }

    /** The entry with this ID as stored, its record given; attributes kept apart are read on demand in {@code tx}. */
    private Entry entry(BackendTx tx, long id, byte[] record) {
        return large.bind(tx, id, cache.decode(id, record));
    }

    private Entry entry(BackendTx tx, Dn dn) {
        long id = dn2id.get(tx, dn);
        byte[] record = id == 0 ? null : id2entry.get(tx, id);
        return record == null ? null : entry(tx, id, record);
    }

    /** The record's sections for a search to copy from, or null when some values are kept apart. */

    /** The suffix that holds this DN, or null when no suffix does. */
    public Dn suffixOf(Dn dn) {
        for (Dn suffix : config.suffixes()) {
            if (dn.isWithin(suffix)) {
                return suffix;
            }
        }
        return null;
    }

    /** The entry with this DN, or null. It may be shared with searches (the entry cache): read it, do not modify it. */
    public Entry get(Dn dn) {
        return inRead(tx -> entry(tx, dn));
    }

    public boolean hasChildren(Dn dn) {
        return inRead(tx -> {
            long id = dn2id.get(tx, dn);
            return id != 0 && id2children.hasChildren(tx, id);
        });
    }

    /** The closest existing ancestor of a DN that does not exist, for matchedDN in errors. */
    public Dn matched(Dn dn) {
        return inRead(tx -> matched(tx, dn));
    }

    private Dn matched(BackendTx tx, Dn dn) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            long id = dn2id.get(tx, d);
            if (id != 0) {
                Dn stored = shown.of(tx, id);
                return stored == null ? d : stored; // as the entry names itself, not as the client spelled it
            }
        }
        return Dn.ROOT;
    }

    private LdapException noSuchObject(BackendTx tx, Dn dn) {
        return new LdapException(ResultCode.NO_SUCH_OBJECT, "", matched(tx, dn).toString());
    }

    /** The entry to change, decoded afresh (it will be modified); attributes kept apart read in {@code tx}. */
    private Entry load(BackendTx tx, long id) {
        if (id == 0) {
            return null;
        }
        byte[] record = id2entry.get(tx, id);
        return record == null ? null : large.bind(tx, id, EntryCodec.decodeAll(record, schema));
    }

    /**
     * Stores {@code after} as the new state of the entry {@code before} (null: a new entry): the
     * indexes first (an attribute kept apart reads the table as it was), then the table of values
     * kept apart, then the record. A change that only adds and removes values of an attribute kept
     * apart writes the keys of those values only.
     */
    private void store(BackendTx tx, long id, Entry before, Entry after) throws LdapException {
        Set<String> apart = large.apart(before, after);
        store(tx, id, before, after, apart, encode(after, apart));
    }

    private void store(BackendTx tx, long id, Entry before, Entry after, Set<String> apart, byte[] record) {
        for (AttributeIndex index : indexes) {
            if (!index.updateByDelta(tx, id, before, after)) {
                index.update(tx, id, before, after);
            }
        }
        large.write(tx, id, before, after, apart);
        id2entry.put(tx, id, record);
    }

    /**
     * What {@code after} became once stored, for the caller: itself, or read again when it has values
     * kept apart (its added and removed values are in the table now).
     */
    private Entry stored(BackendTx tx, long id, Entry after) {
        for (dev.linden.model.Attribute a : after.attributes()) {
            if (a.isStored()) {
                return load(tx, id);
            }
        }
        return after;
    }

    public void add(Entry entry) throws LdapException {
        addAll(List.of(entry));
    }

    /** Adds entries in order in one transaction (bulk import): all of them, or none if one fails. */
    public void addAll(List<Entry> entries) throws LdapException {
        List<Set<String>> apart = new ArrayList<>(entries.size());
        List<byte[]> records = new ArrayList<>(entries.size());
        for (Entry entry : entries) { // encoded here, not on the writer thread
            apart.add(large.apart(null, entry));
            records.add(encode(entry, apart.getLast()));
        }
        write(tx -> {
            for (int i = 0; i < entries.size(); i++) {
                addInTx(tx, entries.get(i), apart.get(i), records.get(i));
            }
            return null;
        });
    }

    private void addInTx(BackendTx tx, Entry entry, Set<String> apart, byte[] record) throws LdapException {
        {
            Dn dn = entry.dn();
            if (dn2id.get(tx, dn) != 0) {
                throw new LdapException(ResultCode.ENTRY_ALREADY_EXISTS, "");
            }
            long parentId = 0;
            if (!config.suffixes().contains(dn)) {
                Dn parent = dn.parent();
                parentId = parent == null || parent.isRoot() ? 0 : dn2id.get(tx, parent);
                if (parentId == 0) {
                    throw noSuchObject(tx, dn);
                }
            }
            Dn named = shown.underParent(tx, dn, parentId); // the parent as it names itself
            if (named != dn) {
                entry.setDn(named);
                record = encode(entry, apart);
            }
            long id = nextId(tx);
            dn2id.put(tx, dn, id);
            if (parentId != 0) {
                id2children.add(tx, parentId, id);
            }
            store(tx, id, null, entry, apart, record);
        }
    }

    private static byte[] encode(Entry entry, Set<String> apart) throws LdapException {
        checkDn(entry);
        return EntryCodec.encode(entry, apart);
    }

    private static void checkDn(Entry entry) throws LdapException {
        if (entry.dn().key().length > Storage.MAX_KEY_LENGTH) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "DN too long for the store");
        }
    }

    private long nextId(WriteTx tx) {
        byte[] v = tx.get(meta, NEXT_ID);
        long id = v == null ? 1 : Ids.read(v, 0);
        tx.put(meta, NEXT_ID, Ids.bytes(id + 1));
        return id;
    }

    public void delete(Dn dn) throws LdapException {
        write(tx -> {
            long id = dn2id.get(tx, dn);
            if (id == 0) {
                throw noSuchObject(tx, dn);
            }
            if (id2children.hasChildren(tx, id)) {
                throw new LdapException(ResultCode.NOT_ALLOWED_ON_NON_LEAF, "subordinate objects must be deleted first");
            }
            Entry entry = load(tx, id);
            dn2id.delete(tx, dn);
            Dn parent = dn.parent();
            long parentId = parent == null || parent.isRoot() ? 0 : dn2id.get(tx, parent);
            if (parentId != 0) {
                id2children.remove(tx, parentId, id);
            }
            for (AttributeIndex index : indexes) {
                index.update(tx, id, entry, null);
            }
            large.write(tx, id, entry, null, Set.of());
            id2entry.delete(tx, id);
            fixReferences(tx, dn, null);
            return null;
        });
    }

    /**
     * Referential integrity, inside the write transaction: every entry whose reference attributes name
     * {@code oldDn} gets it rewritten to {@code newDn}, or removed when {@code newDn} is null. Found
     * through the attributes' equality indexes, so the cost is the number of referring entries.
     */
    private void fixReferences(BackendTx tx, Dn oldDn, Dn newDn) throws LdapException {
        for (AttributeType type : referenceTypes) {
            AttributeIndex index = indexByType.get(type);
            IdSet ids = index.equality(tx, oldDn.normalized());
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                Entry before = load(tx, id);
                if (before == null) {
                    continue;
                }
                Entry after = before.copy();
                boolean changed = false;
                for (dev.linden.model.Attribute a : before.attributes()) {
                    if (!a.description().type().isSubtypeOf(type)) {
                        continue;
                    }
                    if (a.isStored()) { // values kept apart: one look-up, and the keys of two values
                        dev.linden.model.Attribute b = LargeAttributes.renamed(a, oldDn, newDn, schema);
                        if (b != a) {
                            after.put(b);
                            changed = true;
                        }
                        continue;
                    }
                    List<byte[]> values = new ArrayList<>();
                    List<String> norms = a.normalizedValues(schema);
                    boolean hit = false;
                    for (int v = 0; v < a.size(); v++) {
                        if (norms.get(v).equals(oldDn.normalized())) {
                            hit = true;
                            boolean sameName = newDn != null && newDn.normalized().equals(oldDn.normalized());
                            if (newDn != null && (sameName || !norms.contains(newDn.normalized()))) {
                                values.add(newDn.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            }
                        } else {
                            values.add(a.values().get(v));
                        }
                    }
                    if (hit) {
                        after.put(a.withValues(values)); // no values left: the attribute goes
                        changed = true;
                    }
                }
                if (changed) {
                    store(tx, id, before, after);
                }
            }
        }
    }

    /** Replaces an entry by what {@code update} makes of it, in one transaction. Returns the entry stored. */
    public Entry modify(Dn dn, EntryUpdate update) throws LdapException {
        return write(tx -> {
            long id = dn2id.get(tx, dn);
            if (id == 0) {
                throw noSuchObject(tx, dn);
            }
            Entry before = load(tx, id);
            Entry after = update.apply(before.copy());
            store(tx, id, before, after);
            return stored(tx, id, after);
        });
    }

    /**
     * Moves an entry, and its whole subtree, to {@code newDn}. {@code update} computes the renamed
     * entry itself (RDN attribute values); subordinates only change their DN.
     */
    public void rename(Dn dn, Dn requestedDn, EntryUpdate update) throws LdapException {
        write(tx -> {
            Dn newDn = requestedDn;
            long id = dn2id.get(tx, dn);
            if (id == 0) {
                throw noSuchObject(tx, dn);
            }
            if (!newDn.equals(dn) && dn2id.get(tx, newDn) != 0) {
                throw new LdapException(ResultCode.ENTRY_ALREADY_EXISTS, "");
            }
            Dn newParent = newDn.parent();
            long newParentId = 0;
            if (!config.suffixes().contains(newDn)) {
                newParentId = newParent == null || newParent.isRoot() ? 0 : dn2id.get(tx, newParent);
                if (newParentId == 0) { // no matchedDN, as slapd: it would name a relative of the new superior
                    throw new LdapException(ResultCode.NO_SUCH_OBJECT, "new superior not found");
                }
            }
            if (newDn.isWithin(dn) && !newDn.equals(dn)) {
                throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "cannot move an entry below itself");
            }
            newDn = shown.underParent(tx, newDn, newParentId); // the new RDN as given, under its parent as stored
            // subordinates first, while their old keys are still in place
            List<Dn[]> moves = new ArrayList<>();
            for (long subId : dn2id.subordinates(tx, dn)) {
                EntryCodec.Decoded decoded = EntryCodec.decodeAll(id2entry.get(tx, subId), schema);
                Entry sub = large.bind(tx, subId, decoded); // values kept apart are named, not read
                Dn moved = sub.dn().rebase(dn, newDn);
                moves.add(new Dn[] {sub.dn(), moved});
                dn2id.delete(tx, sub.dn());
                sub.setDn(moved);
                dn2id.put(tx, moved, subId);
                Set<String> apart = new java.util.HashSet<>(); // only the DN changes: values kept apart stay
                decoded.apart().forEach(d -> apart.add(d.key()));
                id2entry.put(tx, subId, encode(sub, apart));
            }
            Entry before = load(tx, id);
            Dn oldShown = before.dn();
            Entry after = update.apply(before.copy());
            after.setDn(newDn);
            dn2id.delete(tx, dn);
            dn2id.put(tx, newDn, id);
            long oldParentId = dn.parent() == null || dn.parent().isRoot() ? 0 : dn2id.get(tx, dn.parent());
            if (oldParentId != newParentId) {
                if (oldParentId != 0) {
                    id2children.remove(tx, oldParentId, id);
                }
                if (newParentId != 0) {
                    id2children.add(tx, newParentId, id);
                }
            }
            store(tx, id, before, after);
            if (!newDn.equals(dn) || !newDn.toString().equals(oldShown.toString())) {
                fixReferences(tx, dn, newDn);
                for (Dn[] move : moves) {
                    fixReferences(tx, move[0], move[1]);
                }
            }
            return null;
        });
    }

    /**
     * Walks the entries in scope that may match the filter, in one read transaction. The scan
     * receives candidates only; it checks the filter itself. Entries it receives may be shared
     * with other searches (the decoded-entry cache): it must not modify them. {@code unchecked} lifts the limit on
     * unindexed searches (for the root DN, as slapd's limits allow).
     */
    public void search(Dn base, SearchScope scope, Filter filter, boolean unchecked, SearchScan scan)
            throws LdapException {
        search(base, scope, filter, unchecked ? 0 : config.unindexedLimit(), scan);
    }

    /** As above, with the most entries an unindexed search may examine (0: no limit). */
    public void search(Dn base, SearchScope scope, Filter filter, int unindexedLimit, SearchScan scan)
            throws LdapException {
        search(base, scope, filter, unindexedLimit, entry -> { }, scan);
    }

    /** What a search checks of its base entry, in the search's own transaction, before anything else. */
    @FunctionalInterface
    public interface BaseCheck {
        void check(Entry base) throws LdapException;
    }

    /** As above, with a check of the base entry (access control: may the asker know it exists?). */
    public void search(Dn base, SearchScope scope, Filter filter, int unindexedLimit, BaseCheck baseCheck,
            SearchScan scan) throws LdapException {
        inRead(tx -> {
            long baseId = dn2id.get(tx, base);
            if (baseId == 0) {
                throw noSuchObject(tx, base);
            }
            Entry baseEntry = entryById(tx, baseId);
            if (baseEntry != null) {
                baseCheck.check(baseEntry);
            }
            BackendView view = view(tx);
            if (scope == SearchScope.BASE || scope == SearchScope.ONE) {
                searchCounters.scoped();
            }
            if (scope == SearchScope.BASE) {
                visit(tx, baseId, scan, view);
                return null;
            }
            if (scope == SearchScope.ONE) {
                for (long id : id2children.children(tx, baseId, Integer.MAX_VALUE)) {
                    if (!visit(tx, id, scan, view)) {
                        break;
                    }
                }
                return null;
            }
            IdSet candidates = planner.candidates(tx, filter);
            if (candidates != null) {
                searchCounters.indexed();
                for (int i = 0; i < candidates.size(); i++) {
                    long id = candidates.get(i);
                    if (scope == SearchScope.SUBORDINATES && id == baseId) {
                        continue;
                    }
                    byte[] record = id2entry.get(tx, id);
                    if (record == null) {
                        continue;
                    }
                    Entry entry = entry(tx, id, record);
                    if (entry.dn().isWithin(base) && !scan.accept(id, entry, cache.stored(id, record), view)) {
                        break;
                    }
                }
                return null;
            }
            List<Long> ids = dn2id.subordinates(tx, base);
            if (unindexedLimit > 0 && ids.size() + 1 > unindexedLimit) {
                searchCounters.refused();
                throw new LdapException(ResultCode.ADMIN_LIMIT_EXCEEDED,
                        "unindexed search over " + (ids.size() + 1) + " entries refused (limit "
                                + unindexedLimit + ")");
            }
            searchCounters.unindexed();
            if (scope == SearchScope.SUB && !visit(tx, baseId, scan, view)) {
                return null;
            }
            for (long id : ids) {
                if (!visit(tx, id, scan, view)) {
                    break;
                }
            }
            return null;
        });
    }

    private boolean visit(BackendTx tx, long id, SearchScan scan, BackendView view) throws LdapException {
        byte[] record = id2entry.get(tx, id);
        if (record == null) {
            return true;
        }
        return scan.accept(id, entry(tx, id, record), cache.stored(id, record), view);
    }

    /** Hands the entries with these IDs to the scan, in one read transaction; IDs no longer present are skipped. */
    public void entries(long[] ids, SearchScan scan) throws LdapException {
        inRead(tx -> {
            BackendView view = view(tx);
            for (long id : ids) {
                if (!visit(tx, id, scan, view)) {
                    break;
                }
            }
            return null;
        });
    }

    private BackendView view(BackendTx tx) {
        return new BackendView() {
            @Override
            public int countChildren(long id) {
                return id2children.count(tx, id);
            }

            @Override
            public boolean hasChildren(long id) {
                return id2children.hasChildren(tx, id);
            }

            @Override
            public Entry get(Dn dn) {
                return entry(tx, dn);
            }

            @Override
            public List<Entry> withValue(AttributeType type, String normalized) {
                return Backend.this.withValue(tx, type, normalized);
            }

            @Override
            public java.util.Set<Dn> members(Dn group, boolean nested, Selection selection) {
                return groups.members(dn -> withDynamicMembers(tx, get(dn), selection), group, nested);
            }

            @Override
            public java.util.Set<Dn> groupsOf(Dn member, boolean nested, Selection selection) {
                return groups.groupsOf(type -> norm -> groupsListing(tx, type, norm, selection), member, nested);
            }
        };
    }

    /** The view of the tree in a transaction of its own, for answers outside a search. */
    public <T> T read(java.util.function.Function<BackendView, T> work) {
        return inRead(tx -> work.apply(view(tx)));
    }

    /**
     * A dynamic group (groupOfURLs) as if its memberURLs' entries were member values, so group walks
     * treat static and dynamic groups alike; any other entry as it is.
     */
    private Entry withDynamicMembers(ReadTx tx, Entry entry, Selection selection) {
        if (entry == null || dynamic.urls(entry).isEmpty()) {
            return entry;
        }
        Entry copy = entry.copy();
        List<byte[]> values = new ArrayList<>();
        var existing = entry.get(groups.memberType());
        if (existing != null) {
            values.addAll(existing.values());
        }
        for (dev.linden.model.LdapUrl url : dynamic.urls(entry)) {
            for (Dn dn : dynamic.selected(tx, url, this, selection)) {
                values.add(dn.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        copy.put(new dev.linden.model.Attribute(dev.linden.model.AttributeDescription.of(groups.memberType()), values));
        return copy;
    }

    /** The entries listing a DN in this attribute: through its index, plus dynamic groups that select it for member. */
    private List<Entry> groupsListing(ReadTx tx, AttributeType type, String normalized, Selection selection) {
        List<Entry> found = withValue(tx, type, normalized);
        if (type != groups.memberType()) {
            return found;
        }
        List<Entry> dynamicGroups = dynamic.groupsSelecting(tx, normalized, this, selection);
        if (dynamicGroups.isEmpty()) {
            return found;
        }
        List<Entry> all = new ArrayList<>(found);
        all.addAll(dynamicGroups);
        return all;
    }

    /** For {@link DynamicGroups}: the entries in an URL's scope that the planner's indexes point at, or null to scan. */
    IdSet candidatesFor(ReadTx tx, Filter filter) {
        return planner.candidates(tx, filter);
    }

    List<Long> subtreeIds(ReadTx tx, Dn base) {
        List<Long> ids = new ArrayList<>();
        long baseId = dn2id.get(tx, base);
        if (baseId != 0) {
            ids.add(baseId);
            ids.addAll(dn2id.subordinates(tx, base));
        }
        return ids;
    }

    Entry entryById(ReadTx tx, long id) {
        byte[] record = id2entry.get(tx, id);
        return record == null ? null : entry((BackendTx) tx, id, record);
    }

    Entry entryByDn(ReadTx tx, Dn dn) {
        return entry((BackendTx) tx, dn);
    }

    List<Entry> withValue(ReadTx readTx, AttributeType type, String normalized) {
        BackendTx tx = (BackendTx) readTx;
        AttributeIndex index = indexByType.get(type);
        if (index == null || !index.has(IndexKind.EQUALITY)) {
            return List.of();
        }
        IdSet ids = index.equality(tx, normalized);
        List<Entry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            byte[] record = id2entry.get(tx, id);
            if (record == null) {
                continue;
            }
            Entry entry = entry(tx, id, record);
            // the index key may be a cut prefix of a long value: check the value itself
            for (var a : entry.attributes()) {
                if (a.description().type().isSubtypeOf(type) && a.containsNormalized(normalized, schema)) {
                    entries.add(entry);
                    break;
                }
            }
        }
        return entries;
    }

    /** Every entry in DN order (parents before children), for export. */
    public void forEach(SearchScan scan) throws LdapException {
        for (Dn suffix : config.suffixes()) {
            if (get(suffix) != null) {
                search(suffix, SearchScope.SUB, new Filter.Present("objectClass"), true, scan);
            }
        }
    }

    /** How searches found their candidates since start (indexed, unindexed, refused), for monitoring. */
    public SearchCounters searchCounters() {
        return searchCounters;
    }

    public Set<String> indexedAttributes() {
        Set<String> names = new java.util.TreeSet<>();
        indexes.forEach(i -> names.add(i.type().name()));
        return names;
    }

    @Override
    public void close() {
        storage.close();
    }
}
