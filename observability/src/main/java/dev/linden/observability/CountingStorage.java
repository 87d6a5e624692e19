package dev.linden.observability;

import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.TxFunction;
import dev.linden.storage.WriteTx;
import java.util.concurrent.atomic.LongAdder;

/** The store, counting its transactions (read, committed writes, failed writes) for monitoring. */
public final class CountingStorage implements Storage {
    private final Storage storage;
    private final String kind;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();

    /** @param kind what the store is ("lmdb", "memory"), for cn=monitor */
    public CountingStorage(Storage storage, String kind) {
        this.storage = storage;
        this.kind = kind;
    }

    @Override
    public Tree tree(String name) {
        return storage.tree(name);
    }

    @Override
    public <T, E extends Exception> T read(TxFunction<ReadTx, T, E> work) throws E {
        reads.increment();
        return storage.read(work);
    }

    @Override
    public <T, E extends Exception> T write(TxFunction<WriteTx, T, E> work) throws E {
        boolean done = false;
        try {
            T result = storage.write(work);
            done = true;
            return result;
        } finally {
            (done ? writes : failedWrites).increment();
        }
    }

    @Override
    public long sizeInBytes() {
        return storage.sizeInBytes();
    }

    @Override
    public void close() {
        storage.close();
    }

    public String kind() {
        return kind;
    }

    public long reads() {
        return reads.sum();
    }

    /** Write transactions committed. */
    public long writes() {
        return writes.sum();
    }

    /** Write transactions rolled back (the operation failed, or the store did). */
    public long failedWrites() {
        return failedWrites.sum();
    }
}
