package dev.linden.backend;

import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Tree;
import dev.linden.storage.TxFunction;
import dev.linden.storage.WriteTx;

/**
 * The transaction the backend works in: the storage's own, which it counts writes of and knows
 * the end of, so values read on demand ({@link StoredValues}) from an entry that outlives its
 * transaction are read in a transaction of their own instead.
 */
final class BackendTx implements WriteTx {
    /**
     * The write transaction several changes share (an LDAP transaction, RFC 5805), while they run on
     * the thread that holds it: reads and writes of that store on this thread join it, so each change
     * sees the ones before it and all of them commit, or none, at its end.
     */
    private static final ThreadLocal<Shared> SHARED = new ThreadLocal<>();

    private record Shared(dev.linden.storage.Storage storage, BackendTx tx) {}

    private final ReadTx read;
    private final WriteTx write;
    private final StoreCounters counters;
    private volatile boolean open = true;

    private BackendTx(ReadTx read, WriteTx write, StoreCounters counters) {
        this.read = read;
        this.write = write;
        this.counters = counters;
    }

    static BackendTx reading(ReadTx tx) {
        return new BackendTx(tx, null, null);
    }

    static BackendTx writing(WriteTx tx, StoreCounters counters) {
        return new BackendTx(tx, tx, counters);
    }

    /** Runs {@code work} in a read transaction of the store (the shared write transaction, inside one), as a backend transaction. */
    static <T, E extends Exception> T read(dev.linden.storage.Storage storage, TxFunction<BackendTx, T, E> work)
            throws E {
        Shared shared = SHARED.get();
        if (shared != null && shared.storage() == storage) {
            return work.apply(shared.tx());
        }
        return storage.read(raw -> {
            BackendTx tx = reading(raw);
            try {
                return work.apply(tx);
            } finally {
                tx.close();
            }
        });
    }

    /** Runs {@code work} in a write transaction of the store (the shared one, inside one), counting what it writes. */
    static <T, E extends Exception> T write(
            dev.linden.storage.Storage storage, StoreCounters counters, TxFunction<BackendTx, T, E> work) throws E {
        Shared shared = SHARED.get();
        if (shared != null && shared.storage() == storage) {
            return work.apply(shared.tx());
        }
        return storage.write(raw -> {
            BackendTx tx = writing(raw, counters);
            try {
                return work.apply(tx);
            } finally {
                tx.close();
            }
        });
    }

    /**
     * Runs {@code work} with this write transaction shared by every read and write of {@code storage}
     * on this thread (see {@link #SHARED}).
     */
    <T, E extends Exception> T share(dev.linden.storage.Storage storage, Work<T, E> work) throws E {
        SHARED.set(new Shared(storage, this));
        try {
            return work.run();
        } finally {
            SHARED.remove();
        }
    }

    /** Work done with a shared transaction. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    boolean isOpen() {
        return open;
    }

    void close() {
        open = false;
    }

    @Override
    public byte[] get(Tree tree, byte[] key) {
        return read.get(tree, key);
    }

    @Override
    public Cursor cursor(Tree tree, byte[] from) {
        return read.cursor(tree, from);
    }

    @Override
    public void put(Tree tree, byte[] key, byte[] value) {
        counters.put(key.length + value.length);
        write.put(tree, key, value);
    }

    @Override
    public void append(Tree tree, byte[] key, byte[] value) {
        counters.put(key.length + value.length);
        write.append(tree, key, value);
    }

    /** A changelog write: counted apart from the entries' keys. */
    void putLog(Tree tree, byte[] key, byte[] value) {
        counters.logWrite();
        write.put(tree, key, value);
    }

    /** A changelog write whose key most likely comes after every other (see {@link WriteTx#append}). */
    void appendLog(Tree tree, byte[] key, byte[] value) {
        counters.logWrite();
        write.append(tree, key, value);
    }

    /** A changelog delete (retention): counted apart from the entries' keys. */
    void deleteLog(Tree tree, byte[] key) {
        counters.logWrite();
        write.delete(tree, key);
    }

    @Override
    public boolean delete(Tree tree, byte[] key) {
        counters.delete();
        return write.delete(tree, key);
    }
}
