package dev.linden.storage.memory;

import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.StorageException;
import dev.linden.storage.Tree;
import dev.linden.storage.TxFunction;
import dev.linden.storage.WriteTx;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory twin of the LMDB storage, for fast tests: sorted maps, one writer at a time with an
 * undo log so a failed write leaves nothing behind, and readers excluded while a write is under way
 * so they see whole transactions only.
 */
public final class MemoryStorage implements Storage {
    private final Map<String, MemoryTree> trees = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private record MemoryTree(String name, ConcurrentSkipListMap<byte[], byte[]> map) implements Tree {}

    @Override
    public Tree tree(String name) {
        return trees.computeIfAbsent(
                name, n -> new MemoryTree(n, new ConcurrentSkipListMap<>(Arrays::compareUnsigned)));
    }

    private static ConcurrentSkipListMap<byte[], byte[]> map(Tree tree) {
        return ((MemoryTree) tree).map();
    }

    @Override
    public <T, E extends Exception> T read(TxFunction<ReadTx, T, E> work) throws E {
        lock.readLock().lock();
        try {
            return work.apply(new Reader());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public <T, E extends Exception> T write(TxFunction<WriteTx, T, E> work) throws E {
        lock.writeLock().lock();
        Writer tx = new Writer();
        boolean done = false;
        try {
            T result = work.apply(tx);
            done = true;
            return result;
        } finally {
            if (!done) {
                tx.rollback();
            }
            lock.writeLock().unlock();
        }
    }

    @Override
    public long sizeInBytes() {
        long size = 0;
        for (MemoryTree t : trees.values()) {
            for (var e : t.map().entrySet()) {
                size += e.getKey().length + e.getValue().length;
            }
        }
        return size;
    }

    @Override
    public void close() {
        trees.clear();
    }

    private static class Reader implements ReadTx {
        @Override
        public byte[] get(Tree tree, byte[] key) {
            byte[] v = map(tree).get(key);
            return v == null ? null : v.clone();
        }

        @Override
        public Cursor cursor(Tree tree, byte[] from) {
            Iterator<Map.Entry<byte[], byte[]>> it =
                    map(tree).tailMap(from, true).entrySet().iterator();
            return new Cursor() {
                private Map.Entry<byte[], byte[]> current;

                @Override
                public boolean next() {
                    current = it.hasNext() ? it.next() : null;
                    return current != null;
                }

                @Override
                public byte[] key() {
                    return current.getKey().clone();
                }

                @Override
                public byte[] value() {
                    return current.getValue().clone();
                }

                @Override
                public void close() {}
            };
        }
    }

    private static final class Writer extends Reader implements WriteTx {
        private record Undo(Tree tree, byte[] key, byte[] previous) {}

        private final Deque<Undo> undo = new ArrayDeque<>();

        @Override
        public void put(Tree tree, byte[] key, byte[] value) {
            if (key.length == 0 || key.length > MAX_KEY_LENGTH) {
                throw new StorageException("key of " + key.length + " bytes is out of range");
            }
            byte[] previous = map(tree).put(key.clone(), value.clone());
            undo.push(new Undo(tree, key.clone(), previous));
        }

        @Override
        public boolean delete(Tree tree, byte[] key) {
            byte[] previous = map(tree).remove(key);
            if (previous != null) {
                undo.push(new Undo(tree, key.clone(), previous));
            }
            return previous != null;
        }

        void rollback() {
            while (!undo.isEmpty()) {
                Undo u = undo.pop();
                if (u.previous() == null) {
                    map(u.tree()).remove(u.key());
                } else {
                    map(u.tree()).put(u.key(), u.previous());
                }
            }
        }
    }
}
