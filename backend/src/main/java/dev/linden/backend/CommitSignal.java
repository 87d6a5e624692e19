package dev.linden.backend;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes whoever follows the changelog (persistent content synchronizations) when a write has
 * committed. Followers read the changelog themselves, at their own pace, so a slow one holds no
 * queue and never slows a write: a commit only bumps a counter and signals.
 */
final class CommitSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile long commits;

    void committed() {
        lock.lock();
        try {
            commits++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long commits() {
        return commits;
    }

    /** Waits until a commit after {@code seen} (a value of {@link #commits()}) or the timeout; true when one came. */
    boolean awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (commits == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
