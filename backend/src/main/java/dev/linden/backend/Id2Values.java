package dev.linden.backend;

import dev.linden.protocol.ber.BerWriter;
import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;
import java.nio.ByteBuffer;
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
 *
 * <p>Beside each attribute's values, its {@link Summary}: the range's prefix with 1 for its last byte
 * (after the range, and in no other attribute's range: description keys hold no zero byte), written
 * with every change of the values. A store written before summaries existed has none for its
 * attributes until their values are written whole again; readers then count the values.
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

    /**
     * How many values an attribute has, and the bytes their BER OCTET STRINGs take together (what a
     * response's SET of them holds): a search streaming a huge group must give that length before its
     * first value, and this spares it a pass over 200,000 keys.
     */
    record Summary(int count, long encodedBytes) {
        static final Summary NONE = new Summary(0, 0);

        static Summary of(byte[] stored) {
            ByteBuffer b = ByteBuffer.wrap(stored);
            return new Summary(b.getInt(), b.getLong());
        }

        byte[] bytes() {
            return ByteBuffer.allocate(12).putInt(count).putLong(encodedBytes).array();
        }

        Summary plus(int values, long bytes) {
            return new Summary(count + values, encodedBytes + bytes);
        }

        Summary plus(Summary change) {
            return plus(change.count, change.encodedBytes);
        }
    }

    static byte[] summaryKey(byte[] prefix) {
        byte[] k = prefix.clone();
        k[k.length - 1] = 1;
        return k;
    }

    /** The attribute's summary, or null when its values were written before summaries were kept. */
    Summary summary(ReadTx tx, byte[] prefix) {
        byte[] s = tx.get(tree, summaryKey(prefix));
        return s == null ? null : Summary.of(s);
    }

    /** The bytes of a value's OCTET STRING in a response. */
    static long encoded(byte[] value) {
        return BerWriter.elementLength(value.length);
    }

    Tree tree() {
        return tree;
    }

    boolean contains(ReadTx tx, byte[] key) {
        return tx.get(tree, key) != null;
    }

    /**
     * Adds a value (replacing one of the same normalised form); returns the change to its range's
     * summary, for {@link #adjust} once the change's values are all written.
     */
    Summary put(WriteTx tx, byte[] key, byte[] value) {
        byte[] old = tx.get(tree, key);
        tx.put(tree, key, value);
        return new Summary(old == null ? 1 : 0, encoded(value) - (old == null ? 0 : encoded(old)));
    }

    /** Removes a value if it is there; returns the change to its range's summary, as {@link #put}. */
    Summary delete(WriteTx tx, byte[] key) {
        byte[] old = tx.get(tree, key);
        if (old == null) {
            return Summary.NONE;
        }
        tx.delete(tree, key);
        return new Summary(-1, -encoded(old));
    }

    /**
     * Moves the summary of the range {@code prefix} starts by the values' {@code change}; a range
     * without one (written before summaries) stays without.
     */
    void adjust(WriteTx tx, byte[] prefix, Summary change) {
        if (change.equals(Summary.NONE)) {
            return;
        }
        Summary s = summary(tx, prefix);
        if (s != null) {
            tx.put(tree, summaryKey(prefix), s.plus(change).bytes());
        }
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
        Summary summary = Summary.NONE;
        for (int n = 0; n < order.length; n++) {
            int i = order[n];
            tx.append(tree, keys[i], values.get(i));
            // of values with one key the last written stays (the sort keeps their order): count it only
            if (n + 1 == order.length || !Arrays.equals(keys[i], keys[order[n + 1]])) {
                summary = summary.plus(1, encoded(values.get(i)));
            }
        }
        tx.append(tree, summaryKey(prefix), summary.bytes());
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
                tx.delete(tree, summaryKey(prefix));
                return;
            }
            for (byte[] k : batch) {
                tx.delete(tree, k);
            }
        }
    }
}
