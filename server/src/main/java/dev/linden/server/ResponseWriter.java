package dev.linden.server;

import dev.linden.protocol.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one connection's responses from the threads that run its operations. Responses are encoded
 * here, off the event loop, so the socket's queue counts their real size at once. While that queue is
 * past its high-water mark (limits.writeBufferBytes) an operation about to send a search entry waits
 * on a condition that {@link #wake} signals from channelWritabilityChanged (no polling), and lends its
 * place in the {@link WorkerPool} meanwhile, so waiting operations never leave others without a
 * thread. A final response is written without waiting: its operation counts as outstanding until the
 * socket has taken it, and {@link RequestGate} stops reading a connection with too many outstanding,
 * so final responses cannot pile up either.
 */
final class ResponseWriter {
    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
    private final Channel channel;
    private final WaitingWriters waiting;
    private final WorkerPool workers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final ReentrantLock whole = new ReentrantLock(); // held while a message goes out in pieces

    ResponseWriter(Channel channel, Transport transport) {
        this.channel = channel;
        this.waiting = transport.waitingWriters();
        this.workers = transport.workers();
    }

    /**
     * Encoded intermediate responses (search entries) of an operation, queued without flushing once the
     * socket's queue has room; dropped (released) if the operation is abandoned or the connection
     * closes meanwhile.
     */
    void send(ByteBuf encoded, AtomicBoolean abandoned) {
        if (awaitRoom(abandoned)) {
            lockWhole();
            try {
                channel.write(encoded);
            } finally {
                whole.unlock();
            }
        } else {
            encoded.release();
        }
    }

    /**
     * Runs {@code writing}, which writes one message in pieces (a streamed entry), while no other
     * operation of the connection writes: their messages would land inside it. Operations that run on
     * the event loop need no lock: one runs there only when nothing else of the connection is in flight.
     */
    void inPieces(Runnable writing) {
        lockWhole();
        try {
            writing.run();
        } finally {
            whole.unlock();
        }
    }

    /** Takes the lock of whole messages, lending the worker's place while another operation streams. */
    private void lockWhole() {
        if (whole.tryLock()) {
            return;
        }
        workers.lend();
        try {
            whole.lock();
        } finally {
            workers.giveBack();
        }
    }

    /**
     * The end of an operation (its final response, maybe behind its last entries), queued and flushed
     * at once; the future completes when the socket has taken it.
     */
    ChannelFuture sendFinal(ByteBuf encoded) {
        lockWhole();
        try {
            return channel.writeAndFlush(encoded);
        } finally {
            whole.unlock();
        }
    }

    void flush() {
        channel.flush();
    }

    /** A heap buffer from the connection's allocator (its array written directly), for the chunks of a streamed entry. */
    ByteBuf allocate(int capacity) {
        return channel.alloc().heapBuffer(capacity, capacity);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the connection at once: what it was sent last was not a whole message. */
    void close() {
        channel.close();
    }

    /** From the event loop: the queue fell below its low-water mark, an operation was abandoned, or the channel closed. */
    void wake() {
        lock.lock();
        try {
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the socket's queue is full; false when the operation was abandoned or the connection closed meanwhile. */
    boolean awaitRoom(AtomicBoolean abandoned) {
        if (channel.isWritable()) {
            return true;
        }
        if (!channel.isActive() || abandoned.get()) {
            return false;
        }
        channel.flush(); // what is queued must head for the socket, or the queue never drains
        if (!waiting.enter()) {
            log.warn(
                    "closing connection from {}: {} operations already wait for clients that do not read",
                    channel.remoteAddress(),
                    waiting.max());
            Disconnect.now(channel, ResultCode.UNAVAILABLE, "the server is busy with clients that do not read");
            return false;
        }
        workers.lend();
        lock.lock();
        try {
            while (channel.isActive() && !channel.isWritable() && !abandoned.get()) {
                drained.await();
            }
            return channel.isActive() && !abandoned.get();
        } catch (InterruptedException e) { // the server is stopping
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
            workers.giveBack();
            waiting.exit();
        }
    }
}
