package dev.linden.backend;

import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;
import java.util.ArrayList;
import java.util.List;

/** The children index: (parent ID, child ID) keys, for one-level scope, leaf checks and numSubordinates. */
final class Id2Children {
    private static final byte[] EMPTY = new byte[0];
    private final Tree tree;

    Id2Children(Storage storage) {
        this.tree = storage.tree("id2children");
    }

    private static byte[] key(long parent, long child) {
        byte[] k = new byte[16];
        Ids.put(k, 0, parent);
        Ids.put(k, 8, child);
        return k;
    }

    void add(WriteTx tx, long parent, long child) {
        tx.append(tree, key(parent, child), EMPTY); // a new child ID is the highest: at the end of its parent's keys
    }

    void remove(WriteTx tx, long parent, long child) {
        tx.delete(tree, key(parent, child));
    }

    List<Long> children(ReadTx tx, long parent, int max) {
        List<Long> ids = new ArrayList<>();
        try (Cursor c = tx.cursor(tree, key(parent, 0))) {
            while (ids.size() < max && c.next()) {
                byte[] k = c.key();
                if (Ids.read(k, 0) != parent) {
                    break;
                }
                ids.add(Ids.read(k, 8));
            }
        }
        return ids;
    }

    boolean hasChildren(ReadTx tx, long parent) {
        return !children(tx, parent, 1).isEmpty();
    }

    int count(ReadTx tx, long parent) {
        return children(tx, parent, Integer.MAX_VALUE).size();
    }
}
