package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import java.util.List;

/**
 * The tree facts a search asks (children, entries by DN) answered from a live context's entries, which
 * have no store IDs: an entry's ID here is its position in the list plus one.
 */
final class LiveView implements BackendView {
    private final List<Entry> entries;

    LiveView(List<Entry> entries) {
        this.entries = entries;
    }

    @Override
    public int countChildren(long id) {
        Dn parent = entries.get((int) id - 1).dn();
        int n = 0;
        for (Entry e : entries) {
            if (e.dn().size() == parent.size() + 1 && e.dn().isWithin(parent)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean hasChildren(long id) {
        return countChildren(id) > 0;
    }

    @Override
    public Entry get(Dn dn) {
        for (Entry e : entries) {
            if (e.dn().equals(dn)) {
                return e;
            }
        }
        return null;
    }
}
