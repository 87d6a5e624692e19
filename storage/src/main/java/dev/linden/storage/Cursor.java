package dev.linden.storage;

/** Walks a tree in ascending key order from a start key. Valid only inside its transaction. */
public interface Cursor extends AutoCloseable {
    /** Moves to the next entry (the first call moves to the first key at or after the start); false at the end. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
