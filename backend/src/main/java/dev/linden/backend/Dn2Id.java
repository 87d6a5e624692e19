package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DN index: normalised DN, root first (see {@link Dn#key()}), to entry ID. A subtree is the
 * range of keys that start with the base's key and a zero byte.
 */
final class Dn2Id {
    private final Tree tree;

    Dn2Id(Storage storage) {
        this.tree = storage.tree("dn2id");
    }

    long get(ReadTx tx, Dn dn) {
        byte[] v = tx.get(tree, dn.key());
        return v == null ? 0 : Ids.read(v, 0);
    }

    void put(WriteTx tx, Dn dn, long id) {
        tx.put(tree, dn.key(), Ids.bytes(id));
    }

    void delete(WriteTx tx, Dn dn) {
        tx.delete(tree, dn.key());
    }

    /**
     * IDs of the entries strictly below {@code base}, in key order: all of them, or when {@code max}
     * is above 0 at most that many (so a caller refusing big subtrees stops listing as soon as it knows).
     */
    List<Long> subordinates(ReadTx tx, Dn base, int max) {
        byte[] prefix = base.isRoot() ? new byte[0] : Arrays.copyOf(base.key(), base.key().length + 1);
        List<Long> ids = new ArrayList<>();
        try (Cursor c = tx.cursor(tree, prefix)) {
            while ((max <= 0 || ids.size() < max) && c.next()) {
                byte[] key = c.key();
                if (!startsWith(key, prefix)) {
                    break;
                }
                ids.add(Ids.read(c.value(), 0));
            }
        }
        return ids;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
