package dev.linden.server;

import dev.linden.protocol.StreamedEntryEncoder;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streamed entry's bytes (a huge group read whole) in chunks of {@link #CHUNK} bytes, each queued
 * once the socket's queue has room, so the entry never sits in memory whole. The chunks are pooled
 * heap buffers written through their arrays: a value is a few dozen bytes, and array stores cost
 * less per value than a direct buffer's bounds-checked writes. Once its first bytes are out the entry
 * is finished even if the operation is abandoned meanwhile (half an LDAP message would leave the
 * connection unreadable); if the connection closes, the rest is dropped.
 */
final class EntryChunks implements StreamedEntryEncoder.Out {
    static final int CHUNK = 256 * 1024;
    private static final AtomicBoolean NEVER_ABANDONED = new AtomicBoolean();
    private final ResponseWriter writer;
    private ByteBuf chunk;
    private byte[] array; // the chunk's
    private int start; // the chunk's first byte, in array
    private int at; // the next byte to write, in array
    private int end; // past the chunk's last byte, in array
    private boolean closed;

    EntryChunks(ResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0 && room()) {
            int n = Math.min(length, end - at);
            System.arraycopy(bytes, offset, array, at, n);
            at += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void write(ByteBuffer bytes) {
        while (bytes.hasRemaining() && room()) {
            int n = Math.min(bytes.remaining(), end - at);
            bytes.get(bytes.position(), array, at, n);
            bytes.position(bytes.position() + n);
            at += n;
        }
    }

    @Override
    public void octetString(ByteBuffer value) {
        int length = value.remaining();
        if (end - at < length + 6 || closed) {
            StreamedEntryEncoder.Out.super.octetString(value); // across two chunks
            return;
        }
        at += BerWriter.putHead(array, at, BerTags.OCTET_STRING, length);
        value.get(value.position(), array, at, length);
        at += length;
    }

    /** Queues the last chunk. */
    void finish() {
        if (chunk != null && !closed) {
            writer.send(finished(), NEVER_ABANDONED);
        } else if (chunk != null) {
            chunk.release();
        }
        chunk = null;
    }

    /** Drops the chunk being filled and closes the connection: what was queued is not a whole message. */
    void abort() {
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        writer.close();
    }

    /** Whether there is a chunk with room to write to; false once the connection has closed. */
    private boolean room() {
        if (closed) {
            return false;
        }
        if (chunk != null && at < end) {
            return true;
        }
        if (chunk != null) {
            writer.send(finished(), NEVER_ABANDONED); // waits while the client is behind; released if it has gone
            chunk = null;
        }
        if (!writer.isOpen()) {
            closed = true;
            return false;
        }
        chunk = writer.allocate(CHUNK);
        array = chunk.array();
        start = at = chunk.arrayOffset();
        end = start + chunk.writableBytes();
        return true;
    }

    /** The chunk with what was written into its array. */
    private ByteBuf finished() {
        if (chunk != null) {
            chunk.writerIndex(at - start);
        }
        return chunk;
    }
}
