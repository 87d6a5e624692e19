package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.storage.Storage;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs searches in one read transaction each: finds the base (or the nearest ancestor the asker may
 * see, for matchedDN), then hands the entries in scope that may match to the caller's scan — base
 * and one-level scopes from the tree, subtrees through the planner's candidates where an index
 * narrows the filter, else by listing the subtree, refused past the unindexed limit while listing.
 */
final class SearchExecutor {
    private final Storage storage;
    private final EntryStore store;
    private final SearchPlanner planner;
    private final GroupResolver groups;
    private final SearchCounters counters;
    private final Changelog changelog;

    SearchExecutor(
            Storage storage,
            EntryStore store,
            SearchPlanner planner,
            GroupResolver groups,
            SearchCounters counters,
            Changelog changelog) {
        this.changelog = changelog;
        this.storage = storage;
        this.store = store;
        this.planner = planner;
        this.groups = groups;
        this.counters = counters;
    }

    void search(SearchSpec spec, SearchScan scan) throws LdapException {
        BackendTx.read(storage, tx -> {
            Dn base = spec.base();
            long baseId = store.id(tx, base);
            Entry baseEntry = baseId == 0 ? null : store.byId(tx, baseId);
            if (baseEntry == null || !spec.visible().test(baseEntry)) {
                throw noSuchObject(tx, base, spec.visible());
            }
            StoreView view = new StoreView(tx, store, groups, changelog);
            SearchScope scope = spec.scope();
            int most = scan.examineAtMost();
            int listed = most == Integer.MAX_VALUE ? most : most + 1; // one more tells that there are too many
            if (scope == SearchScope.BASE) {
                counters.scoped();
                visit(tx, baseId, scan, view);
                return null;
            }
            if (scope == SearchScope.ONE) {
                List<Long> children = store.id2children.children(tx, baseId, listed);
                if (children.size() > most) {
                    scan.tooMany();
                }
                counters.scoped();
                for (long id : children) {
                    if (!visit(tx, id, scan, view)) {
                        break;
                    }
                }
                return null;
            }
            IdSet candidates = planner.candidates(tx, spec.filter());
            if (candidates != null && spec.alsoIndexed() != null) {
                IdSet extra = planner.candidates(tx, spec.alsoIndexed());
                candidates = extra == null ? candidates : candidates.union(extra);
            }
            if (candidates != null) {
                if (candidates.size() > most) {
                    scan.tooMany();
                }
                counters.indexed();
                walkCandidates(tx, spec, baseId, candidates, scan, view);
                return null;
            }
            int limit = spec.unindexedLimit();
            // the base counts too: listing stops at the limit's worth of subordinates, not after the whole subtree
            List<Long> ids = store.dn2id.subordinates(tx, base, limit > 0 ? Math.min(limit, listed) : listed);
            if (ids.size() + 1 > most) { // before the limit's refusal: a worker applies it
                scan.tooMany();
            }
            if (limit > 0 && ids.size() + 1 > limit) {
                counters.refused();
                throw new LdapException(
                        ResultCode.ADMIN_LIMIT_EXCEEDED,
                        "unindexed search over more than " + (limit - 1) + " entries refused (limit " + limit + ")");
            }
            counters.unindexed();
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

    private void walkCandidates(
            BackendTx tx, SearchSpec spec, long baseId, IdSet candidates, SearchScan scan, StoreView view)
            throws LdapException {
        for (int i = 0; i < candidates.size(); i++) {
            long id = candidates.get(i);
            if (spec.scope() == SearchScope.SUBORDINATES && id == baseId) {
                continue;
            }
            byte[] record = store.record(tx, id);
            if (record == null) {
                continue;
            }
            EntryCache.Cached cached = store.cached(id, record);
            Entry entry = store.entry(tx, cached);
            if (entry.dn().isWithin(spec.base()) && !scan.accept(id, entry, cached.stored(), view)) {
                return;
            }
        }
    }

    /** Looks entries up by entryUUID (through its equality index) and hands those found to the scan. */
    void byUuids(
            java.util.Collection<java.util.UUID> uuids,
            SearchScan found,
            java.util.function.Consumer<java.util.UUID> missing)
            throws LdapException {
        dev.linden.model.schema.AttributeType type = store.schema().attributeType("entryUUID");
        BackendTx.read(storage, tx -> {
            StoreView view = new StoreView(tx, store, groups, changelog);
            for (java.util.UUID uuid : uuids) {
                long id = entryId(tx, type, uuid.toString());
                byte[] record = id == 0 ? null : store.record(tx, id);
                if (record == null) {
                    missing.accept(uuid);
                } else {
                    EntryCache.Cached cached = store.cached(id, record);
                    if (!found.accept(id, store.entry(tx, cached), cached.stored(), view)) {
                        break;
                    }
                }
            }
            return null;
        });
    }

    /** The ID of the entry holding this (normalised) value of a type with an equality index, or 0. */
    private long entryId(BackendTx tx, dev.linden.model.schema.AttributeType type, String normalized) {
        for (Entry e : store.withValue(tx, type, normalized)) {
            return store.id(tx, e.dn());
        }
        return 0;
    }

    /** Hands the entries with these IDs to the scan, in one read transaction; IDs no longer present are skipped. */
    void entries(long[] ids, SearchScan scan) throws LdapException {
        BackendTx.read(storage, tx -> {
            StoreView view = new StoreView(tx, store, groups, changelog);
            for (long id : ids) {
                if (!visit(tx, id, scan, view)) {
                    break;
                }
            }
            return null;
        });
    }

    private boolean visit(BackendTx tx, long id, SearchScan scan, StoreView view) throws LdapException {
        byte[] record = store.record(tx, id);
        if (record == null) {
            return true;
        }
        EntryCache.Cached cached = store.cached(id, record);
        return scan.accept(id, store.entry(tx, cached), cached.stored(), view);
    }

    /** noSuchObject naming the nearest ancestor that exists and that the asker may see (none: no matchedDN). */
    private LdapException noSuchObject(BackendTx tx, Dn dn, Predicate<Entry> visible) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            Entry e = store.byDn(tx, d);
            if (e != null && visible.test(e)) {
                return new LdapException(ResultCode.NO_SUCH_OBJECT, "", e.dn().toString()); // as stored, not as asked
            }
        }
        return new LdapException(ResultCode.NO_SUCH_OBJECT, "");
    }
}
