package dev.linden.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Walks a tree in ascending key order from a start key. Valid only inside its transaction. */
public interface Cursor extends AutoCloseable {
    /** Moves to the next entry (the first call moves to the first key at or after the start); false at the end. */
    boolean next();

    byte[] key();

    byte[] value();

    /**
     * The current value without a copy: a read-only view valid until the cursor moves or closes (LMDB
     * hands out its mapped page), for callers that pass a value on at once (a huge group streamed).
     */
    default ByteBuffer valueView() {
        return ByteBuffer.wrap(value()).asReadOnlyBuffer();
    }

    /** The current value's length, without a copy. */
    default int valueLength() {
        return value().length;
    }

    /** Whether the current key starts with {@code prefix}, without copying the key. */
    default boolean keyStartsWith(byte[] prefix) {
        byte[] key = key();
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    void close();
}
