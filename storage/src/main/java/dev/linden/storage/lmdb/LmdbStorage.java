package dev.linden.storage.lmdb;

import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.StorageException;
import dev.linden.storage.Tree;
import dev.linden.storage.TxFunction;
import dev.linden.storage.WriteTx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * Storage on LMDB. Keys and values go to LMDB from direct buffers this class owns and keeps alive
 * through each call (lmdbjava's byte-array proxy hands LMDB native memory that the garbage collector
 * may free before the call is done: that crashed the JVM in mdb_put under load), and values cross
 * into Java as fresh byte arrays copied out of the map, so no LMDB-backed buffer outlives its transaction. Readers use MDB_NOTLS, so a read
 * transaction is not tied to a thread, and ended ones are kept reset for the next read to renew. Writes go to one writer thread that commits them in groups
 * ({@link GroupCommitWriter}) with LMDB's default full sync: once {@link #write} returns, the change
 * survives a crash or kill -9.
 *
 * <p>Closing unmaps the store, so it waits first for the writer thread to end and for every read
 * transaction to finish: a thread still in LMDB when the map goes would crash the process. A reader
 * that starts after closing began is refused.
 */
public final class LmdbStorage implements Storage {
    private final Env<ByteBuffer> env;
    private final Path directory;
    private final Map<String, LmdbTree> trees = new ConcurrentHashMap<>();
    private final GroupCommitWriter writer;
    private final java.util.concurrent.atomic.LongAdder readers = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean closing;
    /** Read transactions kept reset between reads (see {@link #release}). */
    private final java.util.concurrent.ArrayBlockingQueue<Txn<ByteBuffer>> idle =
            new java.util.concurrent.ArrayBlockingQueue<>(IDLE_READERS);

    static final int IDLE_READERS = 32;
    private final boolean syncOnClose;

    private record LmdbTree(String name, Dbi<ByteBuffer> dbi) implements Tree {}

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
            EnvFlags[] flags = syncOnClose
                    ? new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC}
                    : new EnvFlags[] {EnvFlags.MDB_NOTLS};
            this.env = Env.create(ByteBufferProxy.PROXY_OPTIMAL)
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

    private static Dbi<ByteBuffer> dbi(Tree tree) {
        return ((LmdbTree) tree).dbi();
    }

    @Override
    public <T, E extends Exception> T read(TxFunction<ReadTx, T, E> work) throws E {
        readers.increment(); // counted first, then the flag checked: close() sees either this reader or the refusal
        try {
            if (closing) {
                throw new StorageException("the store is closed");
            }
            Txn<ByteBuffer> txn;
            try {
                txn = idle.poll();
                if (txn == null) {
                    txn = env.txnRead();
                } else {
                    txn.renew();
                }
            } catch (LmdbException e) {
                throw new StorageException("LMDB read failed: " + e.getMessage(), e);
            }
            boolean done = false;
            try {
                T result = work.apply(new Reader(txn));
                done = true;
                return result;
            } catch (LmdbException e) {
                throw new StorageException("LMDB read failed: " + e.getMessage(), e);
            } finally {
                release(txn, done);
            }
        } finally {
            readers.decrement();
        }
    }

    /**
     * A read transaction that ended without an error is reset and kept for the next read, which
     * renews it: with MDB_NOTLS the transaction keeps its reader slot, so renewing it skips the search
     * for a free slot under LMDB's reader mutex and lmdbjava's allocations for a new transaction (two
     * per search and bind). At most {@link #IDLE_READERS} are kept; the others end.
     */
    private void release(Txn<ByteBuffer> txn, boolean reusable) {
        if (reusable && !closing && idle.remainingCapacity() > 0) {
            txn.reset();
            if (idle.offer(txn)) {
                return;
            }
            endReset(txn);
            return;
        }
        txn.close();
    }

    /** Ends a reset transaction: lmdbjava aborts only one that is not reset, so it is renewed first. */
    private static void endReset(Txn<ByteBuffer> txn) {
        txn.renew();
        txn.close();
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
            org.slf4j.LoggerFactory.getLogger(LmdbStorage.class)
                    .warn("the store in {} is left open: a transaction did not end in time", directory);
            return;
        }
        for (Txn<ByteBuffer> txn = idle.poll(); txn != null; txn = idle.poll()) {
            endReset(txn);
        }
        if (syncOnClose) {
            env.sync(true); // the commits were not flushed: the whole load reaches the disk now
        }
        env.close();
    }

    /** A key buffer per reading thread: LMDB reads a key only during the call it is given to. */
    private static final ThreadLocal<ByteBuffer> READ_KEY =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_KEY_LENGTH));

    /** The bytes of a buffer LMDB handed back (a view into the map, valid until the next call): copied out. */
    private static byte[] copy(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(b.position(), out); // an absolute read: no duplicate buffer for each copy
        return out;
    }

    /** {@code bytes} in {@code buffer}, ready for LMDB. */
    private static ByteBuffer fill(ByteBuffer buffer, byte[] bytes) {
        buffer.clear();
        buffer.put(bytes).flip();
        return buffer;
    }

    private static class Reader implements ReadTx {
        final Txn<ByteBuffer> txn;

        Reader(Txn<ByteBuffer> txn) {
            this.txn = txn;
        }

        ByteBuffer key(byte[] key) {
            return fill(READ_KEY.get(), key);
        }

        @Override
        public byte[] get(Tree tree, byte[] key) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                return null;
            }
            return copy(dbi(tree).get(txn, key(key)));
        }

        @Override
        public Cursor cursor(Tree tree, byte[] from) {
            org.lmdbjava.Cursor<ByteBuffer> c = dbi(tree).openCursor(txn);
            return new Cursor() {
                private boolean started;
                private boolean valid;

                @Override
                public boolean next() {
                    if (!started) {
                        started = true;
                        valid = from.length == 0 ? c.first() : c.get(Reader.this.key(from), GetOp.MDB_SET_RANGE);
                    } else if (valid) {
                        valid = c.next();
                    }
                    return valid;
                }

                @Override
                public byte[] key() {
                    return copy(c.key());
                }

                @Override
                public byte[] value() {
                    return copy(c.val());
                }

                @Override
                public int valueLength() {
                    return c.val().remaining();
                }

                @Override
                public ByteBuffer valueView() {
                    return c.val().asReadOnlyBuffer();
                }

                @Override
                public boolean keyStartsWith(byte[] prefix) {
                    ByteBuffer k = c.key();
                    int at = k.position();
                    if (k.limit() - at < prefix.length) {
                        return false;
                    }
                    for (int i = 0; i < prefix.length; i++) {
                        if (k.get(at + i) != prefix[i]) {
                            return false;
                        }
                    }
                    return true;
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        }
    }

    /** The writer thread's transaction: its own key and (growing) value buffers, held through each call. */
    static final class Writer extends Reader implements WriteTx {
        private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(
                () -> new ByteBuffer[] {ByteBuffer.allocateDirect(MAX_KEY_LENGTH), ByteBuffer.allocateDirect(4096)});

        private static final PutFlags[] APPEND = {PutFlags.MDB_APPEND, PutFlags.MDB_NOOVERWRITE};

        Writer(Txn<ByteBuffer> txn) {
            super(txn);
        }

        /** This thread's key buffer and a value buffer of at least {@code valueLength} bytes. */
        private static ByteBuffer[] buffers(int valueLength) {
            ByteBuffer[] b = BUFFERS.get();
            if (b[1].capacity() < valueLength) {
                b[1] = ByteBuffer.allocateDirect(Math.max(valueLength, b[1].capacity() * 2));
            }
            return b;
        }

        @Override
        public void put(Tree tree, byte[] key, byte[] value) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                throw new StorageException("key of " + key.length + " bytes is out of range");
            }
            ByteBuffer[] b = buffers(value.length);
            ByteBuffer k = fill(b[0], key);
            ByteBuffer v = fill(b[1], value);
            dbi(tree).put(txn, k, v);
            java.lang.ref.Reference.reachabilityFence(b); // the buffers stay alive through the call
        }

        /**
         * MDB_APPEND leaves the last page full and starts the next with the new key alone (an
         * ordinary put splits a full page in half, so keys added in order leave every page half
         * empty, measured: three 825-byte entries a page instead of four). LMDB refuses a key that is
         * not after the last one (with NOOVERWRITE, as a false return instead of an exception): then
         * an ordinary put.
         */
        @Override
        public void append(Tree tree, byte[] key, byte[] value) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                throw new StorageException("key of " + key.length + " bytes is out of range");
            }
            ByteBuffer[] b = buffers(value.length);
            boolean appended = dbi(tree).put(txn, fill(b[0], key), fill(b[1], value), APPEND);
            java.lang.ref.Reference.reachabilityFence(b);
            if (!appended) {
                put(tree, key, value);
            }
        }

        @Override
        public boolean delete(Tree tree, byte[] key) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                return false;
            }
            ByteBuffer[] b = BUFFERS.get();
            boolean deleted = dbi(tree).delete(txn, fill(b[0], key));
            java.lang.ref.Reference.reachabilityFence(b);
            return deleted;
        }
    }
}
