package dev.linden.core;

import dev.linden.protocol.LdapMessage;

/** Where an operation's responses go: the connection, in order. */
@FunctionalInterface
public interface ResponseSink {
    void send(LdapMessage message);

    /**
     * Pushes what was sent so far to the client now. An operation's responses are flushed when it
     * ends; one that keeps answering (the persist stage of a content synchronization) flushes after
     * each change it sends.
     */
    default void flush() {}

    /**
     * Whether the operation runs on its connection's network thread: tried there when it is likely to
     * be quick (a search without controls or a simple bind, on an otherwise idle connection), which
     * spares the two thread hand-offs of a worker. Such an operation must not wait or take long: where
     * it would, it throws {@link RunOnWorker} and runs again on a worker. A sink that wraps another
     * says what the wrapped one says.
     */
    default boolean onNetworkThread() {
        return false;
    }

    /**
     * Runs a wait that may last long (a persistent synchronization waiting for the next change) without
     * keeping a worker thread from other requests: the transport lets another thread take this one's
     * place meanwhile.
     */
    default boolean idle(Wait wait) throws InterruptedException {
        return wait.await();
    }

    /** A wait for something; true when it came, false when it timed out. */
    @FunctionalInterface
    interface Wait {
        boolean await() throws InterruptedException;
    }
}
