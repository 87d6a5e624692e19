package dev.linden.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the operations, server-wide, waiting for their client to read. Each holds a thread (the
 * worker pool has lent its place to another one) and, being a search, its store read transaction
 * (LMDB has 1024 reader slots, shared with every running operation), so their number is bounded: past
 * the bound, a connection whose operation would wait is closed instead. Only clients that stopped
 * reading, or read far slower than the server answers, are ever in this count.
 */
final class WaitingWriters {
    static final int MAX = 256;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int max;

    WaitingWriters(int max) {
        this.max = max;
    }

    /** Takes a place; false when all are taken. */
    boolean enter() {
        if (waiting.incrementAndGet() > max) {
            waiting.decrementAndGet();
            return false;
        }
        return true;
    }

    void exit() {
        waiting.decrementAndGet();
    }

    int max() {
        return max;
    }

    int waiting() {
        return waiting.get();
    }
}
