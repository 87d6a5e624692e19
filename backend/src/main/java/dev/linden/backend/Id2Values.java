package dev.linden.backend;

import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of large attributes (a huge group's members), one key per value: entry ID, attribute
 * description key, a zero byte, and the value normalised by the type's equality rule; the stored
 * value is the value as written. One attribute's values are a sorted key range, so a membership
 * test is one look-up and adding or removing a value writes one key. A normalised form too long for
 * the key limit is cut, followed by 0xFF (never in UTF-8) and its SHA-256.
 */
final class Id2Values {
    /** Longest description key whose values may be kept here (room for the values in the key). */
    static final int MAX_DESCRIPTION_BYTES = 64;

    private static final int HASH_BYTES = 32;

    private final Tree tree;

    Id2Values(Storage storage) {
        this.tree = storage.tree("id2values");
    }

    /** The key range of one attribute of one entry: ID, description key, zero byte. */
    static byte[] prefix(long id, String descriptionKey) {
        byte[] d = descriptionKey.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[8 + d.length + 1];
        Ids.put(p, 0, id);
        System.arraycopy(d, 0, p, 8, d.length);
        return p;
    }

    static byte[] key(byte[] prefix, String normalized) {
        byte[] n = normalized.getBytes(StandardCharsets.UTF_8);
        if (prefix.length + n.length <= Storage.MAX_KEY_LENGTH) {
            byte[] k = Arrays.copyOf(prefix, prefix.length + n.length);
            System.arraycopy(n, 0, k, prefix.length, n.length);
            return k;
        }
        int cut = Storage.MAX_KEY_LENGTH - prefix.length - 1 - HASH_BYTES;
        byte[] k = Arrays.copyOf(prefix, Storage.MAX_KEY_LENGTH);
        System.arraycopy(n, 0, k, prefix.length, cut);
        k[prefix.length + cut] = (byte) 0xFF;
        System.arraycopy(sha256(n), 0, k, prefix.length + cut + 1, HASH_BYTES);
        return k;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Tree tree() {
        return tree;
    }

    boolean contains(ReadTx tx, byte[] key) {
        return tx.get(tree, key) != null;
    }

    void put(WriteTx tx, byte[] key, byte[] value) {
        tx.put(tree, key, value);
    }

    /**
     * Every value of one attribute, in key order: for a new entry (the highest ID) each key then comes
     * after all others and fills the store's pages (a 200,000-member group in the order it was written
     * would leave them half empty).
     */
    void putAll(WriteTx tx, byte[] prefix, List<String> normalized, List<byte[]> values) {
        Integer[] order = new Integer[values.size()];
        byte[][] keys = new byte[values.size()][];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            keys[i] = key(prefix, normalized.get(i));
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        for (int i : order) {
            tx.append(tree, keys[i], values.get(i));
        }
    }

    void delete(WriteTx tx, byte[] key) {
        tx.delete(tree, key);
    }

    /** Removes every value of one attribute, a batch of keys at a time (no cursor open while deleting). */
    void deleteAll(WriteTx tx, byte[] prefix) {
        while (true) {
            List<byte[]> batch = new ArrayList<>(1024);
            try (Cursor c = tx.cursor(tree, prefix)) {
                while (batch.size() < 1024 && c.next()) {
                    byte[] key = c.key();
                    if (!Dn2Id.startsWith(key, prefix)) {
                        break;
                    }
                    batch.add(key);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            for (byte[] k : batch) {
                tx.delete(tree, k);
            }
        }
    }
}
