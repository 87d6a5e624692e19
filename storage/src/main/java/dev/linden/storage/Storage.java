package dev.linden.storage;

/**
 * A small transactional key/value store: named trees, snapshot reads, and serialised write
 * transactions that are durable once {@link #write} returns. Implemented over LMDB and in memory.
 */
public interface Storage extends AutoCloseable {
    /** Keys longer than this are refused by every implementation (LMDB's default limit, with room to spare). */
    int MAX_KEY_LENGTH = 500;

    /** Opens (creating if needed) the tree with this name. Call before concurrent use. */
    Tree tree(String name);

    <T, E extends Exception> T read(TxFunction<ReadTx, T, E> work) throws E;

    /** Runs the work in one write transaction and commits it; if the work throws, nothing is written. */
    <T, E extends Exception> T write(TxFunction<WriteTx, T, E> work) throws E;

    /** Bytes the storage occupies (on disk for LMDB). */
    long sizeInBytes();

    @Override
    void close();
}
