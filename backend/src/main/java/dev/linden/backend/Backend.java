package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.storage.Storage;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The directory tree on the key/value store, as the operations see it: each method is one storage
 * transaction. A facade over the parts that do the work:
 * <ul>
 *   <li>{@link EntryStore}: the trees, the entry cache, reading and storing entries;</li>
 *   <li>{@link IndexSet}: the attribute indexes;</li>
 *   <li>{@link TreeWriter}: add, delete, modify and rename — every change goes through its one
 *       write transaction, with {@link ReferentialIntegrity} inside it;</li>
 *   <li>{@link SearchExecutor}: searches, with {@link SearchPlanner} choosing candidates;</li>
 *   <li>{@link GroupResolver}: memberOf, the in-chain rule and dynamic groups.</li>
 * </ul>
 */
public final class Backend implements AutoCloseable {
    private final Storage storage;
    private final Schema schema;
    private final BackendConfig config;
    private final IndexSet indexes;
    private final EntryStore store;
    private final TreeWriter writer;
    private final SearchExecutor searches;
    private final GroupResolver groups;
    private final Changelog changelog;
    private final int serverId;
    private final ReplicaApplier replicas;
    private final EntryStates states;
    private final ContentDigest digests;
    private final StoreCounters counters = new StoreCounters();
    private final SearchCounters searchCounters = new SearchCounters();

    public Backend(Storage storage, Schema schema, BackendConfig config) {
        this(storage, schema, config, ChangelogSettings.DEFAULT);
    }

    public Backend(Storage storage, Schema schema, BackendConfig config, ChangelogSettings retention) {
        this.storage = storage;
        this.schema = schema;
        this.config = config;
        this.indexes = new IndexSet(storage, schema, config);
        this.store = new EntryStore(storage, schema, config, indexes, counters);
        // dynamic groups plan their URLs' filters from the indexes alone; searches also walk groups
        SearchPlanner byIndex = new SearchPlanner(schema, indexes, store.dn2id, null);
        DynamicGroups dynamic = new DynamicGroups(store, byIndex, config.unindexedLimit());
        this.groups = new GroupResolver(store, dynamic, new GroupGraph(schema));
        SearchPlanner planner = new SearchPlanner(schema, indexes, store.dn2id, groups);
        this.changelog = new Changelog(storage);
        this.searches = new SearchExecutor(storage, store, planner, groups, searchCounters, changelog);
        this.serverId = retention.serverId();
        ChangeRecorder recorder = new ChangeRecorder(schema, changelog, retention, new Tombstones(storage));
        recorder.resume(BackendTx.read(storage, changelog::contextCsn)); // never below a CSN the store holds
        this.states = new EntryStates(store, retention);
        this.writer = new TreeWriter(
                storage,
                store,
                new ReferentialIntegrity(store, indexes, recorder, states),
                recorder,
                states,
                counters,
                config.suffixes());
        this.replicas = new ReplicaApplier(writer, store, recorder, states, storage);
        this.digests = new ContentDigest(schema, writer::version);
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
        return writer.version();
    }

    /** Keys written and values kept apart read so far: what an operation cost the store. */
    public StoreCounters.Snapshot counters() {
        return counters.snapshot();
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

    /** The entry with this DN, or null — also for names outside the naming contexts. Shared: read it, never modify it. */
    public Entry find(Dn dn) {
        return suffixOf(dn) == null ? null : get(dn);
    }

    /** The entry with this DN, or null. It may be shared with searches (the entry cache): read it, do not modify it. */
    public Entry get(Dn dn) {
        return BackendTx.read(storage, tx -> store.byDn(tx, dn));
    }

    public boolean hasChildren(Dn dn) {
        return BackendTx.read(storage, tx -> {
            long id = store.id(tx, dn);
            return id != 0 && store.id2children.hasChildren(tx, id);
        });
    }

    /** How many entries are immediately below this one (0 when it has none or does not exist). */
    public int countChildren(Dn dn) {
        return BackendTx.read(storage, tx -> {
            long id = store.id(tx, dn);
            return id == 0 ? 0 : store.id2children.count(tx, id);
        });
    }

    /** The closest existing ancestor of a DN that does not exist, for matchedDN in errors. */
    public Dn matched(Dn dn) {
        return BackendTx.read(storage, tx -> store.matched(tx, dn));
    }

    /** Adds one entry: a change with a new CSN (its entryCSN) and a changelog record. */
    public void add(Entry entry) throws LdapException {
        writer.add(entry);
    }

    /**
     * Adds entries in order in one transaction (bulk import): all of them, or none if one fails. Each
     * keeps the entryCSN it brings (as slapadd does) and no changelog record is written for them.
     */
    public void addAll(List<Entry> entries) throws LdapException {
        writer.importAll(entries);
    }

    public void delete(Dn dn) throws LdapException {
        writer.delete(dn, EntryCheck.NONE);
    }

    /** Deletes a leaf entry; {@code check} sees it first in the same transaction, and may refuse by throwing. */
    public void delete(Dn dn, EntryCheck check) throws LdapException {
        writer.delete(dn, check);
    }

    /**
     * Runs several changes as one (an LDAP transaction, RFC 5805): every change and every read
     * {@code work} makes through this backend, on this thread, happens in one write transaction, so
     * each sees the ones before it and all of them are committed together, or none if {@code work}
     * throws. Each change still gets its own CSN and changelog record.
     */
    public <T> T transaction(Batch<T> work) throws LdapException {
        return writer.write(tx -> tx.share(storage, work::run));
    }

    /** Changes made together by {@link #transaction}. */
    @FunctionalInterface
    public interface Batch<T> {
        T run() throws LdapException;
    }

    /**
     * Deletes an entry with its whole subtree in one transaction (the subtree delete control), leaves
     * first, {@code check} seeing each entry before it goes; past {@code limit} entries nothing is
     * deleted (adminLimitExceeded). Returns how many entries went.
     */
    public int deleteSubtree(Dn dn, EntryCheck check, int limit) throws LdapException {
        return writer.deleteSubtree(dn, check, limit);
    }

    /** Replaces an entry by what {@code update} makes of it, in one transaction. Returns the entry stored. */
    public Entry modify(Dn dn, EntryUpdate update) throws LdapException {
        return writer.modify(dn, update);
    }

    /**
     * Moves an entry, and its whole subtree, to {@code newDn}. {@code update} computes the renamed
     * entry itself (RDN attribute values); subordinates only change their DN. Returns the entry stored.
     */
    public Entry rename(Dn dn, Dn newDn, EntryUpdate update) throws LdapException {
        return writer.rename(dn, newDn, update);
    }

    /**
     * Walks the entries in scope that may match the filter, in one read transaction. The scan
     * receives candidates only; it checks the filter itself. Entries it receives may be shared
     * with other searches (the decoded-entry cache): it must not modify them.
     */
    public void search(SearchSpec spec, SearchScan scan) throws LdapException {
        searches.search(spec, scan);
    }

    /** Hands the entries with these IDs to the scan, in one read transaction; IDs no longer present are skipped. */
    public void entries(long[] ids, SearchScan scan) throws LdapException {
        searches.entries(ids, scan);
    }

    /** The view of the tree in a transaction of its own, for answers outside a search. */
    public <T> T read(Function<BackendView, T> work) {
        return BackendTx.read(storage, tx -> work.apply(new StoreView(tx, store, groups, changelog)));
    }

    /** Every entry in DN order (parents before children), for export. */
    public void forEach(SearchScan scan) throws LdapException {
        for (Dn suffix : config.suffixes()) {
            if (get(suffix) != null) {
                search(SearchSpec.of(suffix, SearchScope.SUB, new Filter.Present("objectClass"), 0), scan);
            }
        }
    }

    /**
     * A digest of everything a naming context holds (see {@link ContentDigest}): servers of a mesh
     * that have converged give the same one.
     */
    public Digest digest(Dn suffix) throws LdapException {
        if (get(suffix) == null) {
            return new Digest(suffix, 0, "0".repeat(32));
        }
        var r = digests.of(suffix, searches);
        return new Digest(r.suffix(), r.entries(), r.digest());
    }

    /** A naming context's entry count and content digest (32 hexadecimal digits). */
    public record Digest(Dn suffix, long entries, String digest) {}

    /** The newest CSN committed per server ID (what contextCSN publishes on the suffix). */
    public dev.linden.model.sync.CsnVector contextCsn() {
        return BackendTx.read(storage, changelog::contextCsn);
    }

    /** Where the changelog stands, read in one transaction: for a provider to decide what a cookie needs. */
    public ChangelogState changelogState(dev.linden.model.sync.CsnVector cookie) {
        return BackendTx.read(
                storage,
                tx -> new ChangelogState(
                        changelog.contextCsn(tx),
                        changelog.lastSeq(tx),
                        changelog.covers(tx, cookie),
                        changelog.unseenFrom(tx, cookie),
                        changelog.known(tx, serverId)));
    }

    /**
     * Applies changes received from a provider in one transaction, with the consumer's cookie stored
     * under {@code cookieKey} in the same transaction (null: none). Each change keeps its CSN.
     */
    public ReplicaOutcome applyReplicated(List<ReplicaChange> changes, String cookieKey, byte[] cookie)
            throws LdapException {
        return applyReplicated(changes, cookieKey, cookie, dev.linden.model.sync.CsnVector.EMPTY);
    }

    /**
     * As {@link #applyReplicated(List, String, byte[])}, and in the same transaction raises what this
     * server knows it holds of each server's changes ({@link ChangelogState#known}) to {@code held}:
     * what the consumer now holds for sure (a complete refresh, a provider's own changes in order).
     */
    public ReplicaOutcome applyReplicated(
            List<ReplicaChange> changes, String cookieKey, byte[] cookie, dev.linden.model.sync.CsnVector held)
            throws LdapException {
        var o = replicas.apply(changes, cookieKey, cookie, tx -> changelog.learn(tx, held));
        return new ReplicaOutcome(o.applied(), o.skipped(), o.problems());
    }

    /**
     * When the entry was created, as its change state says (its entryCSN when it has none): a
     * consumer that is a writable member of a mesh keeps, after a full refresh, the entries its
     * provider could not have seen yet.
     */
    public dev.linden.model.sync.Csn createdAt(Entry entry) {
        EntryState s = states.stored(entry);
        return s != null ? s.created() : states.csnOf(entry);
    }

    /** The cookie a consumer stored with its data under {@code key}, or null. */
    public byte[] syncCookie(String key) {
        return BackendTx.read(storage, tx -> replicas.cookie(tx, key));
    }

    /** What applying a batch of replicated changes did, and what could not be applied and why. */
    public record ReplicaOutcome(int applied, int skipped, List<String> problems) {}

    /** The server ID in the CSNs this server issues. */
    public int serverId() {
        return serverId;
    }

    /**
     * Waits until a write commits after the changelog stood at {@code seq} (returns at once if one has),
     * or {@code timeoutMillis} pass; true when the changelog has records after {@code seq}.
     */
    public boolean awaitChangesAfter(long seq, long timeoutMillis) throws InterruptedException {
        CommitSignal signal = writer.signal();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long seen = signal.commits();
            if (BackendTx.read(storage, changelog::lastSeq) > seq) {
                return true;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || !signal.awaitAfter(seen, left)) {
                return BackendTx.read(storage, changelog::lastSeq) > seq;
            }
        }
    }

    /**
     * Finds entries by entryUUID in one read transaction: each found one goes to {@code found} (as a
     * search would hand it), each UUID with no entry to {@code missing}.
     */
    public void byUuids(
            java.util.Collection<java.util.UUID> uuids,
            SearchScan found,
            java.util.function.Consumer<java.util.UUID> missing)
            throws LdapException {
        searches.byUuids(uuids, found, missing);
    }

    /** Up to {@code max} changelog records after sequence number {@code seq}, in commit order. */
    public List<ChangeRecord> changesAfter(long seq, int max) {
        return BackendTx.read(storage, tx -> changelog.after(tx, seq, max));
    }

    /** The decoded-entry cache's budget, use and hits, for monitoring. */
    public EntryCacheStats entryCache() {
        return store.cacheStats();
    }

    /** How searches found their candidates since start (indexed, unindexed, refused), for monitoring. */
    public SearchCounters searchCounters() {
        return searchCounters;
    }

    public Set<String> indexedAttributes() {
        return indexes.names();
    }

    @Override
    public void close() {
        storage.close();
    }
}
