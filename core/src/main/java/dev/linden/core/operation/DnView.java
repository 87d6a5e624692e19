package dev.linden.core.operation;

import dev.linden.backend.Backend;
import dev.linden.backend.BackendView;
import dev.linden.backend.Selection;
import dev.linden.model.Dn;
import java.util.Set;

/**
 * The tree facts computed attributes need (children, groups) for one entry known by its DN, each read
 * in a transaction of its own: for an entry read outside a search (pre-read and post-read of an
 * update, answered after its commit). Any ID stands for that entry.
 */
final class DnView implements BackendView {
    /** The ID handed to the responder for such an entry (not 0, which stands for the root DSE). */
    static final long ID = 1;

    private final Backend backend;
    private final Dn dn;

    DnView(Backend backend, Dn dn) {
        this.backend = backend;
        this.dn = dn;
    }

    @Override
    public int countChildren(long id) {
        return backend.countChildren(dn);
    }

    @Override
    public boolean hasChildren(long id) {
        return countChildren(id) > 0;
    }

    @Override
    public Set<Dn> groupsOf(Dn member, boolean nested, Selection selection) {
        return backend.read(view -> view.groupsOf(member, nested, selection));
    }
}
