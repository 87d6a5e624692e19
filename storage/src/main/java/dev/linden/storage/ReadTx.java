package dev.linden.storage;

/** A consistent snapshot of the storage. Byte arrays it returns are copies the caller owns. */
public interface ReadTx {
    byte[] get(Tree tree, byte[] key);

    /** A cursor over the keys at or after {@code from}. */
    Cursor cursor(Tree tree, byte[] from);
}
