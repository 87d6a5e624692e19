package dev.linden.storage;

/** A write transaction: all its changes commit together or not at all. It sees its own writes. */
public interface WriteTx extends ReadTx {
    void put(Tree tree, byte[] key, byte[] value);

    /**
     * A put whose key most likely sorts after every key of the tree (a new entry's ID, taken from a
     * counter): the store may then fill its pages instead of splitting them in half, as a sorted bulk
     * load does. A key that does not is stored as by {@link #put}.
     */
    default void append(Tree tree, byte[] key, byte[] value) {
        put(tree, key, value);
    }

    /** Removes a key; true when it was present. */
    boolean delete(Tree tree, byte[] key);
}
