package dev.linden.server;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections with no operation in flight, in the order they fell idle, unauthenticated ones apart
 * from bound ones: when the server is full, the longest-idle unauthenticated connection makes room,
 * else the longest-idle bound one. A connection leaves when an operation starts and comes back, at
 * the end, when its last one is answered. Each step is O(1) (links kept in {@link Connection}).
 * Shared by every connection; connections live on several event loops, hence the lock.
 */
final class IdleConnections {
    private final Chain anonymous = new Chain();
    private final Chain bound = new Chain();
    private final ReentrantLock lock = new ReentrantLock();

    /** The connection has nothing in flight from now on (or just opened): it goes to the end of its list. */
    void idle(Connection c) {
        lock.lock();
        try {
            unlink(c);
            (c.session.isAnonymous() ? anonymous : bound).append(c);
        } finally {
            lock.unlock();
        }
    }

    /** The connection has an operation in flight, or closed: it cannot be chosen. */
    void remove(Connection c) {
        lock.lock();
        try {
            unlink(c);
        } finally {
            lock.unlock();
        }
    }

    /** Takes the longest-idle connection, unauthenticated first; null when every connection is busy. */
    Connection takeLongestIdle() {
        lock.lock();
        try {
            Connection c = anonymous.first();
            if (c == null) {
                c = bound.first();
            }
            if (c != null) {
                unlink(c);
            }
            return c;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return anonymous.size + bound.size;
        } finally {
            lock.unlock();
        }
    }

    private static void unlink(Connection c) {
        if (c.idleList instanceof Chain list) {
            list.unlink(c);
        }
    }

    /** A doubly-linked list through the connections' own fields, oldest first. */
    private static final class Chain {
        private Connection head;
        private Connection tail;
        private int size;

        Connection first() {
            return head;
        }

        void append(Connection c) {
            c.idleList = this;
            c.idlePrevious = tail;
            c.idleNext = null;
            if (tail == null) {
                head = c;
            } else {
                tail.idleNext = c;
            }
            tail = c;
            size++;
        }

        void unlink(Connection c) {
            if (c.idlePrevious == null) {
                head = c.idleNext;
            } else {
                c.idlePrevious.idleNext = c.idleNext;
            }
            if (c.idleNext == null) {
                tail = c.idlePrevious;
            } else {
                c.idleNext.idlePrevious = c.idlePrevious;
            }
            c.idlePrevious = null;
            c.idleNext = null;
            c.idleList = null;
            size--;
        }
    }
}
