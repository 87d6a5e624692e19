package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Entries in the trees of the store: the DN index, the records, the children index, values kept
 * apart and the next ID, with the decoded-entry cache in front of the records. Reads entries for
 * searches (shared, from the cache) and for changes (decoded afresh), and stores a changed entry
 * with its index keys. Every method works in the caller's transaction.
 */
final class EntryStore {
    private static final byte[] NEXT_ID = "nextId".getBytes(StandardCharsets.US_ASCII);

    final Dn2Id dn2id;
    final Id2Children id2children;
    private final Id2Entry id2entry;
    private final Tree meta;
    private final Schema schema;
    private final IndexSet indexes;
    private final LargeAttributes large;
    private final EntryCache cache;
    private final ShownDns shown;
    private final List<Dn> suffixes;

    EntryStore(Storage storage, Schema schema, BackendConfig config, IndexSet indexes, StoreCounters counters) {
        this.schema = schema;
        this.indexes = indexes;
        this.dn2id = new Dn2Id(storage);
        this.id2entry = new Id2Entry(storage);
        this.id2children = new Id2Children(storage);
        this.meta = storage.tree("meta");
        this.large =
                new LargeAttributes(storage, schema, config.largeValueTypes(), config.largeValueThreshold(), counters);
        this.cache = new EntryCache(schema, config.entryCacheBytes());
        this.shown = new ShownDns(id2entry, cache);
        this.suffixes = List.copyOf(config.suffixes());
    }

    List<Dn> suffixes() {
        return suffixes;
    }

    /** Whether this DN names a naming context (an entry without a parent in the store). */
    boolean isSuffix(Dn dn) {
        return suffixes.contains(dn);
    }

    /** {@code dn} with its parent part as the parent entry (with this ID) names itself (see {@link ShownDns}). */
    Dn underParent(BackendTx tx, Dn dn, long parentId) {
        return shown.underParent(tx, dn, parentId);
    }

    Schema schema() {
        return schema;
    }

    long id(BackendTx tx, Dn dn) {
        return dn2id.get(tx, dn);
    }

    byte[] record(BackendTx tx, long id) {
        return id2entry.get(tx, id);
    }

    /** The entry with this ID as stored, its record given; shared through the cache: read it, never modify it. */
    Entry entry(BackendTx tx, long id, byte[] record) {
        return entry(tx, cache.get(id, record));
    }

    /** The record decoded, from the cache when it holds it: a search takes the entry and the sections from it. */
    EntryCache.Cached cached(long id, byte[] record) {
        return cache.get(id, record);
    }

    /** The entry of a decoded record, its attributes kept apart read on demand in {@code tx}; shared: never modify it. */
    Entry entry(BackendTx tx, EntryCache.Cached cached) {
        return large.bind(tx, cached.id, cached.decoded);
    }

    EntryCacheStats cacheStats() {
        return cache.stats();
    }

    /** A freshly decoded record as an entry whose attributes kept apart are read on demand in {@code tx}. */
    Entry bind(BackendTx tx, long id, EntryCodec.Decoded decoded) {
        return large.bind(tx, id, decoded);
    }

    Entry byId(BackendTx tx, long id) {
        byte[] record = id2entry.get(tx, id);
        return record == null ? null : entry(tx, id, record);
    }

    Entry byDn(BackendTx tx, Dn dn) {
        long id = dn2id.get(tx, dn);
        return id == 0 ? null : byId(tx, id);
    }

    /** The entry to change, decoded afresh (it will be modified); attributes kept apart read in {@code tx}. */
    Entry load(BackendTx tx, long id) {
        if (id == 0) {
            return null;
        }
        byte[] record = id2entry.get(tx, id);
        return record == null ? null : large.bind(tx, id, EntryCodec.decodeAll(record, schema));
    }

    /** The closest existing ancestor of a DN that does not exist, for matchedDN in errors (the root when none). */
    Dn matched(BackendTx tx, Dn dn) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            long id = dn2id.get(tx, d);
            if (id != 0) {
                Dn stored = shown.of(tx, id);
                return stored == null ? d : stored; // as the entry names itself, not as the client spelled it
            }
        }
        return Dn.ROOT;
    }

    LdapException noSuchObject(BackendTx tx, Dn dn) {
        return new LdapException(ResultCode.NO_SUCH_OBJECT, "", matched(tx, dn).toString());
    }

    long nextId(BackendTx tx) {
        byte[] v = tx.get(meta, NEXT_ID);
        long id = v == null ? 1 : Ids.read(v, 0);
        tx.put(meta, NEXT_ID, Ids.bytes(id + 1));
        return id;
    }

    /** The base's ID and every ID below it, or an empty list when the base does not exist. */
    List<Long> subtreeIds(BackendTx tx, Dn base) {
        List<Long> ids = new ArrayList<>();
        long baseId = dn2id.get(tx, base);
        if (baseId != 0) {
            ids.add(baseId);
            ids.addAll(dn2id.subordinates(tx, base, 0));
        }
        return ids;
    }

    /** The description keys of the attributes of {@code after} to keep apart from its record. */
    Set<String> apart(Entry before, Entry after) {
        return large.apart(before, after);
    }

    /** The record of an entry whose attributes with the keys {@code apart} are kept apart. */
    static byte[] encode(Entry entry, Set<String> apart) throws LdapException {
        if (entry.dn().key().length > Storage.MAX_KEY_LENGTH) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "DN too long for the store");
        }
        return EntryCodec.encode(entry, apart);
    }

    /**
     * Stores {@code after} as the new state of the entry {@code before} (null: a new entry): the
     * indexes first (an attribute kept apart reads the table as it was), then the table of values
     * kept apart, then the record. A change that only adds and removes values of an attribute kept
     * apart writes the keys of those values only.
     */
    void store(BackendTx tx, long id, Entry before, Entry after) throws LdapException {
        Set<String> apart = large.apart(before, after);
        store(tx, id, before, after, apart, encode(after, apart));
    }

    void store(BackendTx tx, long id, Entry before, Entry after, Set<String> apart, byte[] record) {
        indexes.update(tx, id, before, after);
        large.write(tx, id, before, after, apart);
        if (before == null) {
            id2entry.add(tx, id, record);
        } else {
            id2entry.put(tx, id, record);
        }
    }

    /** Rewrites only the record of an entry whose DN changed (a subordinate of a moved entry). */
    void restoreRecord(BackendTx tx, long id, byte[] record) {
        id2entry.put(tx, id, record);
    }

    /** Removes an entry's record, index keys and values kept apart (its DN and children keys are the caller's). */
    void remove(BackendTx tx, long id, Entry entry) {
        indexes.remove(tx, id, entry);
        large.write(tx, id, entry, null, Set.of());
        id2entry.delete(tx, id);
    }

    /**
     * What {@code after} became once stored, for the caller: itself, or read again when it has values
     * kept apart (its added and removed values are in the table now).
     */
    Entry stored(BackendTx tx, long id, Entry after) {
        for (Attribute a : after.attributes()) {
            if (a.isStored()) {
                return load(tx, id);
            }
        }
        return after;
    }

    /**
     * The entries holding this value (normalised by the type's equality rule) in this type or its
     * subtypes, through its equality index; empty when the type has none.
     */
    List<Entry> withValue(BackendTx tx, AttributeType type, String normalized) {
        AttributeIndex index = indexes.of(type, IndexKind.EQUALITY);
        if (index == null) {
            return List.of();
        }
        IdSet ids = index.equality(tx, normalized);
        List<Entry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Entry entry = byId(tx, ids.get(i));
            if (entry == null) {
                continue;
            }
            // the index key may be a cut prefix of a long value: check the value itself
            for (Attribute a : entry.attributes()) {
                if (a.description().type().isSubtypeOf(type) && a.containsNormalized(normalized, schema)) {
                    entries.add(entry);
                    break;
                }
            }
        }
        return entries;
    }
}
