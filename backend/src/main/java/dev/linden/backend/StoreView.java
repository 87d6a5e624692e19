package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import java.util.List;
import java.util.Set;

/** The facts a search asks about the tree, answered in the search's own transaction. */
final class StoreView implements BackendView {
    private final BackendTx tx;
    private final EntryStore store;
    private final GroupResolver groups;
    private final Changelog changelog;

    StoreView(BackendTx tx, EntryStore store, GroupResolver groups, Changelog changelog) {
        this.tx = tx;
        this.store = store;
        this.groups = groups;
        this.changelog = changelog;
    }

    @Override
    public dev.linden.model.sync.CsnVector contextCsn(Dn suffix) {
        return store.isSuffix(suffix) ? changelog.contextCsn(tx) : dev.linden.model.sync.CsnVector.EMPTY;
    }

    @Override
    public int countChildren(long id) {
        return store.id2children.count(tx, id);
    }

    @Override
    public boolean hasChildren(long id) {
        return store.id2children.hasChildren(tx, id);
    }

    @Override
    public Entry get(Dn dn) {
        return store.byDn(tx, dn);
    }

    @Override
    public List<Entry> withValue(AttributeType type, String normalized) {
        return store.withValue(tx, type, normalized);
    }

    @Override
    public Set<Dn> members(Dn group, boolean nested, Selection selection) {
        return groups.members(tx, group, nested, selection);
    }

    @Override
    public Set<Dn> groupsOf(Dn member, boolean nested, Selection selection) {
        return groups.groupsOf(tx, member, nested, selection);
    }
}
