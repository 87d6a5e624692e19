package dev.linden.server;

import dev.linden.core.ResponseSink;
import dev.linden.protocol.LdapMessage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operation's way to its connection: entries through the connection's writer (which waits for
 * room while the client does not read), a flush on demand, and long waits that lend the worker's
 * place in the pool, so an operation that lives on (a persistent synchronization) never takes a
 * worker from other clients.
 */
final class ConnectionSink implements ResponseSink {
    private final ResponseWriter writer;
    private final WorkerPool workers;
    private final AtomicBoolean abandoned;

    ConnectionSink(ResponseWriter writer, WorkerPool workers, AtomicBoolean abandoned) {
        this.writer = writer;
        this.workers = workers;
        this.abandoned = abandoned;
    }

    @Override
    public void send(LdapMessage message) {
        writer.send(message, abandoned);
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public boolean idle(Wait wait) throws InterruptedException {
        workers.lend();
        try {
            return wait.await();
        } finally {
            workers.giveBack();
        }
    }
}
