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
    private final EntryCache cache;
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
        this.planner = new SearchPlanner(schema, byType);
        this.cache = new EntryCache(schema, config.entryCacheSize());
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

    private <T> T write(dev.linden.storage.TxFunction<WriteTx, T, LdapException> work) throws LdapException {
        try {
            return storage.write(work);
        } finally {
            version.incrementAndGet(); // also after a failed write: cheap, and never wrong
        }
    }

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
        return storage.read(tx -> {
            long id = dn2id.get(tx, dn);
            byte[] record = id == 0 ? null : id2entry.get(tx, id);
            return record == null ? null : cache.decode(id, record);
        });
    }

    public boolean hasChildren(Dn dn) {
        return storage.read(tx -> {
            long id = dn2id.get(tx, dn);
            return id != 0 && id2children.hasChildren(tx, id);
        });
    }

    /** The closest existing ancestor of a DN that does not exist, for matchedDN in errors. */
    public Dn matched(Dn dn) {
        return storage.read(tx -> matched(tx, dn));
    }

    private Dn matched(ReadTx tx, Dn dn) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            if (dn2id.get(tx, d) != 0) {
                return d;
            }
        }
        return Dn.ROOT;
    }

    private LdapException noSuchObject(ReadTx tx, Dn dn) {
        return new LdapException(ResultCode.NO_SUCH_OBJECT, "", matched(tx, dn).toString());
    }

    private Entry load(ReadTx tx, long id) {
        if (id == 0) {
            return null;
        }
        byte[] record = id2entry.get(tx, id);
        return record == null ? null : EntryCodec.decode(record, schema);
    }

    public void add(Entry entry) throws LdapException {
        addAll(List.of(entry));
    }

    /** Adds entries in order in one transaction (bulk import): all of them, or none if one fails. */
    public void addAll(List<Entry> entries) throws LdapException {
        List<byte[]> records = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            records.add(encode(entry));
        }
        write(tx -> {
            for (int i = 0; i < entries.size(); i++) {
                addInTx(tx, entries.get(i), records.get(i));
            }
            return null;
        });
    }

    private void addInTx(WriteTx tx, Entry entry, byte[] record) throws LdapException {
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
            long id = nextId(tx);
            dn2id.put(tx, dn, id);
            id2entry.put(tx, id, record);
            if (parentId != 0) {
                id2children.add(tx, parentId, id);
            }
            for (AttributeIndex index : indexes) {
                index.update(tx, id, null, entry);
            }
        }
    }

    private static byte[] encode(Entry entry) throws LdapException {
        byte[] key = entry.dn().key();
        if (key.length > Storage.MAX_KEY_LENGTH) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "DN too long for the store");
        }
        return EntryCodec.encode(entry);
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
            id2entry.delete(tx, id);
            Dn parent = dn.parent();
            long parentId = parent == null || parent.isRoot() ? 0 : dn2id.get(tx, parent);
            if (parentId != 0) {
                id2children.remove(tx, parentId, id);
            }
            for (AttributeIndex index : indexes) {
                index.update(tx, id, entry, null);
            }
            return null;
        });
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
            id2entry.put(tx, id, encode(after));
            for (AttributeIndex index : indexes) {
                index.update(tx, id, before, after);
            }
            return after;
        });
    }

    /**
     * Moves an entry, and its whole subtree, to {@code newDn}. {@code update} computes the renamed
     * entry itself (RDN attribute values); subordinates only change their DN.
     */
    public void rename(Dn dn, Dn newDn, EntryUpdate update) throws LdapException {
        write(tx -> {
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
            // subordinates first, while their old keys are still in place
            for (long subId : dn2id.subordinates(tx, dn)) {
                Entry sub = load(tx, subId);
                Dn moved = sub.dn().rebase(dn, newDn);
                dn2id.delete(tx, sub.dn());
                sub.setDn(moved);
                dn2id.put(tx, moved, subId);
                id2entry.put(tx, subId, encode(sub));
            }
            Entry before = load(tx, id);
            Entry after = update.apply(before.copy());
            after.setDn(newDn);
            dn2id.delete(tx, dn);
            dn2id.put(tx, newDn, id);
            id2entry.put(tx, id, encode(after));
            long oldParentId = dn.parent() == null || dn.parent().isRoot() ? 0 : dn2id.get(tx, dn.parent());
            if (oldParentId != newParentId) {
                if (oldParentId != 0) {
                    id2children.remove(tx, oldParentId, id);
                }
                if (newParentId != 0) {
                    id2children.add(tx, newParentId, id);
                }
            }
            for (AttributeIndex index : indexes) {
                index.update(tx, id, before, after);
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
        storage.read(tx -> {
            long baseId = dn2id.get(tx, base);
            if (baseId == 0) {
                throw noSuchObject(tx, base);
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
                    Entry entry = cache.decode(id, record);
                    if (entry.dn().isWithin(base)
                            && !scan.accept(id, entry, EntryCodec.split(record), view)) {
                        break;
                    }
                }
                return null;
            }
            List<Long> ids = dn2id.subordinates(tx, base);
            if (!unchecked && ids.size() + 1 > config.unindexedLimit()) {
                searchCounters.refused();
                throw new LdapException(ResultCode.ADMIN_LIMIT_EXCEEDED,
                        "unindexed search over " + (ids.size() + 1) + " entries refused (limit "
                                + config.unindexedLimit() + ")");
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

    private boolean visit(ReadTx tx, long id, SearchScan scan, BackendView view) throws LdapException {
        byte[] record = id2entry.get(tx, id);
        if (record == null) {
            return true;
        }
        return scan.accept(id, cache.decode(id, record), EntryCodec.split(record), view);
    }

    /** Hands the entries with these IDs to the scan, in one read transaction; IDs no longer present are skipped. */
    public void entries(long[] ids, SearchScan scan) throws LdapException {
        storage.read(tx -> {
            BackendView view = view(tx);
            for (long id : ids) {
                if (!visit(tx, id, scan, view)) {
                    break;
                }
            }
            return null;
        });
    }

    private BackendView view(ReadTx tx) {
        return new BackendView() {
            @Override
            public int countChildren(long id) {
                return id2children.count(tx, id);
            }

            @Override
            public boolean hasChildren(long id) {
                return id2children.hasChildren(tx, id);
            }
        };
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
