package dev.linden.server;

import dev.linden.core.ResponseSink;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.StreamedEntryEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operation's way to its connection: entries through the connection's writer (which waits for
 * room while the client does not read), a flush on demand, and long waits that lend the worker's
 * place in the pool, so an operation that lives on (a persistent synchronization) never takes a
 * worker from other clients.
 *
 * <p>The newest entry is held back until the next message, so a search's last entry and its final
 * response reach the event loop as one write: each write from a worker thread is a task the event
 * loop must run, and most searches (a user by uid) send one entry. One operation's thread uses it.
 */
final class ConnectionSink implements ResponseSink {
    private final ResponseWriter writer;
    private final WorkerPool workers;
    private final AtomicBoolean abandoned;
    private ByteBuf held; // the newest entry, encoded, not yet queued

    ConnectionSink(ResponseWriter writer, WorkerPool workers, AtomicBoolean abandoned) {
        this.writer = writer;
        this.workers = workers;
        this.abandoned = abandoned;
    }

    @Override
    public synchronized void send(LdapMessage message) {
        if (StreamedEntryEncoder.streams(message)) {
            stream(message);
            return;
        }
        ByteBuf previous = held;
        held = LdapMessageCodec.toBuffer(message);
        if (previous != null) {
            writer.send(previous, abandoned);
        }
    }

    @Override
    public synchronized void flush() {
        release();
        writer.flush();
    }

    @Override
    public boolean idle(Wait wait) throws InterruptedException {
        flush(); // nothing stays held while the operation waits
        workers.lend();
        try {
            return wait.await();
        } finally {
            workers.giveBack();
        }
    }

    /**
     * Once the operation has returned, while it can still be abandoned: the entry held back waits for
     * room in the socket's queue as every entry does (a client that does not read holds it here, not
     * in memory queued for the socket); dropped if the operation is abandoned meanwhile.
     */
    synchronized void awaitRoomForHeld() {
        if (held != null && !writer.awaitRoom(abandoned)) {
            held.release();
            held = null;
        }
    }

    /**
     * Ends the operation: the entry held and {@code last} (null: none, the operation was abandoned or
     * sends no final response) go out in one flushed write, without waiting again for room (call
     * {@link #awaitRoomForHeld} first).
     *
     * @return the write of the final response, or null when there was none
     */
    synchronized ChannelFuture finish(LdapMessage last) {
        if (last == null) {
            flush();
            return null;
        }
        ByteBuf end = LdapMessageCodec.toBuffer(last);
        ByteBuf previous = held;
        held = null;
        return writer.sendFinal(previous == null ? end : Unpooled.wrappedBuffer(previous, end));
    }

    /**
     * An entry with values read as they are sent (a huge group): in chunks, no other message of the
     * connection between them, the last one queued too (an entry held back would be written later,
     * when another operation's message could come first).
     */
    private void stream(LdapMessage message) {
        release();
        writer.inPieces(() -> {
            EntryChunks chunks = new EntryChunks(writer);
            try {
                StreamedEntryEncoder.encode(message, chunks);
            } catch (RuntimeException e) {
                chunks.abort();
                throw e;
            }
            chunks.finish();
        });
    }

    private void release() {
        if (held != null) {
            ByteBuf previous = held;
            held = null;
            writer.send(previous, abandoned);
        }
    }
}
