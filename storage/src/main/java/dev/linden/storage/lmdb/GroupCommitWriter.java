package dev.linden.storage.lmdb;

import dev.linden.storage.StorageException;
import dev.linden.storage.TxFunction;
import dev.linden.storage.WriteTx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The single LMDB writer: one platform thread takes write requests from a queue and commits them in
 * groups. Each request runs in its own nested transaction, so one that fails is rolled back alone;
 * the group's parent transaction then commits with one sync, and only after that is each request
 * acknowledged. Under load, many writes share one disk flush; alone, a write commits at once.
 */
final class GroupCommitWriter {
    private static final int MAX_GROUP = 64;

    private final Env<java.nio.ByteBuffer> env;
    private final Function<Txn<java.nio.ByteBuffer>, WriteTx> writerFor;
    private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private static final class Request<T> {
        final TxFunction<WriteTx, T, ?> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Request(TxFunction<WriteTx, T, ?> work) {
            this.work = work;
        }

        void run(WriteTx tx) throws Exception {
            result = work.apply(tx);
        }
    }

    /** Marks the end of the queue when closing. */
    private static final Request<Void> POISON = new Request<>(tx -> null);

    GroupCommitWriter(Env<java.nio.ByteBuffer> env, Function<Txn<java.nio.ByteBuffer>, WriteTx> writerFor) {
        this.env = env;
        this.writerFor = writerFor;
        this.thread = new Thread(this::loop, "linden-lmdb-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @SuppressWarnings("unchecked")
    <T, E extends Exception> T write(TxFunction<WriteTx, T, E> work) throws E {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a write transaction cannot start another");
        }
        if (closed) {
            throw new StorageException("the store is closed");
        }
        Request<T> request = new Request<>(work);
        queue.add(request);
        try {
            return request.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a write to commit", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw (E) cause; // the work's own checked exception
        }
    }

    private void loop() {
        List<Request<?>> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            group.clear();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(POISON);
            if (!group.isEmpty()) {
                commit(group);
            }
            if (stop) {
                // fail whatever arrived after close began
                List<Request<?>> rest = new ArrayList<>();
                queue.drainTo(rest);
                rest.forEach(r -> r.done.completeExceptionally(new StorageException("the store is closed")));
                return;
            }
        }
    }

    private void commit(List<Request<?>> group) {
        try (Txn<java.nio.ByteBuffer> parent = env.txnWrite()) {
            for (Request<?> request : group) {
                try (Txn<java.nio.ByteBuffer> child = env.txn(parent)) {
                    request.run(writerFor.apply(child));
                    child.commit();
                } catch (Exception | Error e) {
                    request.failure = e; // the child transaction was aborted by close(): nothing it did remains
                }
            }
            parent.commit();
        } catch (LmdbException | StorageException e) {
            StorageException failed = new StorageException("LMDB commit failed: " + e.getMessage(), e);
            for (Request<?> request : group) {
                if (request.failure == null) {
                    request.failure = failed;
                }
            }
        }
        for (Request<?> request : group) {
            complete(request);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void complete(Request request) {
        if (request.failure != null) {
            request.done.completeExceptionally(request.failure);
        } else {
            request.done.complete(request.result);
        }
    }

    /**
     * Commits what is queued and stops the writer thread. Waits for it however long its last group
     * takes (the store must not be unmapped under it), saying so every half minute; returns whether
     * it ended (false only when interrupted while waiting).
     */
    boolean stop() {
        closed = true;
        queue.add(POISON);
        try {
            while (true) {
                thread.join(30_000);
                if (!thread.isAlive()) {
                    return true;
                }
                org.slf4j.LoggerFactory.getLogger(GroupCommitWriter.class)
                        .warn("still waiting for the store's writer to finish its last commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }
}
