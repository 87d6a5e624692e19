package dev.linden.server;

import dev.linden.core.Dispatcher;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The whole pipeline of a connection, on one screen. */
final class LdapChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Dispatcher dispatcher;
    private final ExecutorService workers;
    private final Limits limits;
    private final ConnectionLimiter limiter;

    LdapChannelInitializer(Dispatcher dispatcher, ExecutorService workers, Limits limits, ConnectionLimiter limiter) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.limits = limits;
        this.limiter = limiter;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast("limit", limiter);
        if (limits.idleTimeoutSeconds() > 0) {
            p.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeoutSeconds(), TimeUnit.SECONDS));
        }
        p.addLast("frame", new LdapFrameDecoder(limits));
        p.addLast("codec", new LdapMessageCodec());
        p.addLast("handler", new LdapRequestHandler(dispatcher, workers));
    }
}
