package dev.linden.server;

import dev.linden.core.ResponseSink;
import dev.linden.core.RunOnWorker;
import dev.linden.protocol.LdapMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink of a request tried on its connection's network thread (see {@link
 * ResponseSink#onNetworkThread}): its responses are encoded and kept until it ends, then written
 * with its final response in one flushed write from this very thread, so the event loop runs no
 * task for it and no thread is woken. It never waits: past {@link #QUICK_BYTES} of responses, or
 * asked to wait, it throws {@link RunOnWorker} and the caller drops what it kept. The event loop's only.
 */
final class NetworkThreadSink implements ResponseSink {
    /** Responses a request answered on the network thread may send (a few entries of any usual size). */
    static final int QUICK_BYTES = 64 * 1024;

    private final List<ByteBuf> kept = new ArrayList<>(2);
    private int bytes;

    @Override
    public void send(LdapMessage message) {
        ByteBuf encoded = LdapMessageCodec.toBuffer(message);
        kept.add(encoded);
        bytes += encoded.readableBytes();
        if (bytes > QUICK_BYTES) {
            throw RunOnWorker.INSTANCE;
        }
    }

    @Override
    public boolean idle(Wait wait) {
        throw RunOnWorker.INSTANCE;
    }

    @Override
    public boolean onNetworkThread() {
        return true;
    }

    /** Releases what was kept: the request runs again elsewhere, or ended without an answer. */
    void drop() {
        kept.forEach(ByteBuf::release);
        kept.clear();
    }

    /**
     * Writes what was kept and {@code last} in one flushed write; null (and nothing written) when
     * there is no final response (the request was abandoned).
     */
    ChannelFuture finish(Channel channel, LdapMessage last) {
        if (last == null) {
            drop();
            return null;
        }
        kept.add(LdapMessageCodec.toBuffer(last));
        ByteBuf all = kept.size() == 1 ? kept.get(0) : Unpooled.wrappedBuffer(kept.toArray(ByteBuf[]::new));
        kept.clear();
        return channel.writeAndFlush(all);
    }
}
