package dev.linden.core;

import dev.linden.protocol.op.ProtocolOp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requests of one connection that have not been answered yet, by message ID: what Cancel (RFC
 * 3909) looks for. The transport enters each request as it reads it (so a Cancel sent right after its
 * target finds it, whichever worker runs first) and removes it once its final response is queued.
 * Never more than the connection's outstanding requests.
 */
public final class InFlight {
    /** One request: what it is, its cancel flag, and how it ended. */
    public static final class Request {
        private final ProtocolOp op;
        private final AtomicBoolean canceled = new AtomicBoolean();
        private final CountDownLatch answered = new CountDownLatch(1);
        private volatile boolean stopped;

        Request(ProtocolOp op) {
            this.op = op;
        }

        public ProtocolOp op() {
            return op;
        }

        /** The flag the operation reads (through its context) to stop. */
        public AtomicBoolean canceled() {
            return canceled;
        }

        /** Marks that the operation stopped because it was canceled (it answered canceled). */
        void stopped() {
            stopped = true;
        }

        /** Whether the operation stopped for the cancel, rather than ending on its own first. */
        public boolean wasStopped() {
            return stopped;
        }

        /** Waits for the final response to be queued; true when it was. */
        public boolean awaitAnswered(long millis) throws InterruptedException {
            return answered.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    private final Map<Integer, Request> requests = new ConcurrentHashMap<>();

    /** Enters a request as it is read; returns it (its cancel flag goes into the operation's context). */
    public Request start(int messageId, ProtocolOp op) {
        Request r = new Request(op);
        requests.put(messageId, r);
        return r;
    }

    /** The unanswered request with this message ID, or null. */
    public Request get(int messageId) {
        return requests.get(messageId);
    }

    /** The request's final response has been queued (or none is due): it is no longer in flight. */
    public void answered(int messageId, Request request) {
        if (request != null && requests.remove(messageId, request)) {
            request.answered.countDown();
        }
    }

    /** The operation with this message ID stopped for a Cancel (see {@link Request#wasStopped}). */
    void stopped(int messageId) {
        Request r = requests.get(messageId);
        if (r != null) {
            r.stopped();
        }
    }
}
