package dev.linden.server;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads operations run on: limits.workerThreads of them. An operation that waits for its client
 * to read lends its place: the pool grows by one thread for as long as it waits, so clients that stop
 * reading cannot take the server's threads away from the others ({@link WaitingWriters} bounds how
 * many may wait). Platform threads, reused from one operation to the next: virtual threads were
 * tried and cost more than twice the CPU per search, mostly in per-thread state that the store's
 * native calls (jnr-ffi) and Netty rebuild for every new thread.
 */
class WorkerPool extends ThreadPoolExecutor { // not final: the pipeline tests run operations when they choose
    private final int size;
    private int lent; // guarded by this

    WorkerPool(int size) {
        super(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads());
        this.size = size;
    }

    private static java.util.concurrent.ThreadFactory threads() {
        AtomicInteger ids = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "linden-worker-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The calling operation is about to wait for its client: another thread takes its place meanwhile. */
    synchronized void lend() {
        lent++;
        setMaximumPoolSize(size + lent);
        setCorePoolSize(size + lent); // starts a thread at once if requests are queued
    }

    /** The wait is over: the pool shrinks back as threads fall idle. */
    synchronized void giveBack() {
        lent--;
        setCorePoolSize(size + lent);
        setMaximumPoolSize(size + lent);
    }

    synchronized int lent() {
        return lent;
    }
}
