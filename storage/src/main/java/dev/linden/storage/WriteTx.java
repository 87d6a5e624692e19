package dev.linden.storage;

/** A write transaction: all its changes commit together or not at all. It sees its own writes. */
public interface WriteTx extends ReadTx {
    void put(Tree tree, byte[] key, byte[] value);

    /** Removes a key; true when it was present. */
    boolean delete(Tree tree, byte[] key);
}
