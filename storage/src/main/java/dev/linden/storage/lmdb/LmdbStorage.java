package dev.linden.storage.lmdb;

import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.StorageException;
import dev.linden.storage.Tree;
import dev.linden.storage.TxFunction;
import dev.linden.storage.WriteTx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * Storage on LMDB. Values cross into Java as fresh byte arrays (the byte-array proxy copies them out
 * of the map), so no LMDB-backed buffer outlives its transaction. Readers use MDB_NOTLS, so a read
 * transaction is not tied to a thread. Writes go to one writer thread that commits them in groups
 * ({@link GroupCommitWriter}) with LMDB's default full sync: once {@link #write} returns, the change
 * survives a crash or kill -9.
 *
 * <p>Closing unmaps the store, so it waits first for the writer thread to end and for every read
 * transaction to finish: a thread still in LMDB when the map goes would crash the process. A reader
 * that starts after closing began is refused.
 */
public final class LmdbStorage implements Storage {
    private final Env<byte[]> env;
    private final Path directory;
    private final Map<String, LmdbTree> trees = new ConcurrentHashMap<>();
    private final GroupCommitWriter writer;
    private final java.util.concurrent.atomic.LongAdder readers = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean closing;
    private final boolean syncOnClose;

    private record LmdbTree(String name, Dbi<byte[]> dbi) implements Tree {
    }

    public LmdbStorage(Path directory, long mapSizeBytes) {
        this(directory, mapSizeBytes, false);
    }

    /**
     * @param syncOnClose commit without flushing to disk, and flush once when closing: for a bulk load
     *     into a store no server uses (slapadd -q does the same). A system crash during the load can
     *     leave the store unusable (a crash of this process alone cannot): the load is run again.
     */
    public LmdbStorage(Path directory, long mapSizeBytes, boolean syncOnClose) {
        this.directory = directory;
        this.syncOnClose = syncOnClose;
        try {
            Files.createDirectories(directory);
            EnvFlags[] flags = syncOnClose ? new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC}
                    : new EnvFlags[] {EnvFlags.MDB_NOTLS};
            this.env = Env.create(ByteArrayProxy.PROXY_BA)
                    .setMapSize(mapSizeBytes)
                    .setMaxDbs(64)
                    .setMaxReaders(1024)
                    .open(directory.toFile(), flags);
        } catch (IOException | LmdbException e) {
            throw new StorageException("cannot open the LMDB store in " + directory + ": " + e.getMessage(), e);
        }
        this.writer = new GroupCommitWriter(env, Writer::new);
    }

    @Override
    public Tree tree(String name) {
        // opening a database is a write transaction of its own: call this before concurrent use
        return trees.computeIfAbsent(name, n -> new LmdbTree(n, env.openDbi(n, DbiFlags.MDB_CREATE)));
    }

    private static Dbi<byte[]> dbi(Tree tree) {
        return ((LmdbTree) tree).dbi();
    }

    @Override
    public <T, E extends Exception> T read(TxFunction<ReadTx, T, E> work) throws E {
        readers.increment(); // counted first, then the flag checked: close() sees either this reader or the refusal
        try {
            if (closing) {
                throw new StorageException("the store is closed");
            }
            try (Txn<byte[]> txn = env.txnRead()) {
                return work.apply(new Reader(txn));
            } catch (LmdbException e) {
                throw new StorageException("LMDB read failed: " + e.getMessage(), e);
            }
        } finally {
            readers.decrement();
        }
    }

    @Override
    public <T, E extends Exception> T write(TxFunction<WriteTx, T, E> work) throws E {
        return writer.write(work);
    }

    @Override
    public long sizeInBytes() {
        try {
            return Files.size(directory.resolve("data.mdb"));
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closing = true;
        boolean writerDone = writer.stop(); // pending writes commit first
        long deadline = System.currentTimeMillis() + 60_000;
        while (readers.sum() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!writerDone || readers.sum() > 0) {
            // a thread still inside LMDB: unmapping now would crash the process; leave the map to the exit
            org.slf4j.LoggerFactory.getLogger(LmdbStorage.class).warn(
                    "the store in {} is left open: a transaction did not end in time", directory);
            return;
        }
        if (syncOnClose) {
            env.sync(true); // the commits were not flushed: the whole load reaches the disk now
        }
        env.close();
    }

    private static class Reader implements ReadTx {
        final Txn<byte[]> txn;

        Reader(Txn<byte[]> txn) {
            this.txn = txn;
        }

        @Override
        public byte[] get(Tree tree, byte[] key) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                return null;
            }
            return dbi(tree).get(txn, key);
        }

        @Override
        public Cursor cursor(Tree tree, byte[] from) {
            org.lmdbjava.Cursor<byte[]> c = dbi(tree).openCursor(txn);
            return new Cursor() {
                private boolean started;
                private boolean valid;

                @Override
                public boolean next() {
                    if (!started) {
                        started = true;
                        valid = from.length == 0 ? c.first() : c.get(from, GetOp.MDB_SET_RANGE);
                    } else if (valid) {
                        valid = c.next();
                    }
                    return valid;
                }

                @Override
                public byte[] key() {
                    return c.key();
                }

                @Override
                public byte[] value() {
                    return c.val();
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        }
    }

    static final class Writer extends Reader implements WriteTx {
        Writer(Txn<byte[]> txn) {
            super(txn);
        }

        @Override
        public void put(Tree tree, byte[] key, byte[] value) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                throw new StorageException("key of " + key.length + " bytes is out of range");
            }
            dbi(tree).put(txn, key, value);
        }

        @Override
        public boolean delete(Tree tree, byte[] key) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                return false;
            }
            return dbi(tree).delete(txn, key);
        }
    }
}
