package dev.linden.server;

import dev.linden.core.RequestHandler;
import dev.linden.observability.ConnectionObserver;
import dev.linden.server.tls.TlsContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline of a connection, on one screen. On the LDAPS listener TLS comes first; on the
 * plain listener StartTLS inserts it later, at the same place ("ssl", see {@link StartTls}).
 */
final class LdapChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final RequestHandler dispatcher;
    private final ConnectionObserver connections;
    private final ExecutorService workers;
    private final Limits limits;
    private final ConnectionLimiter limiter;
    private final TlsContext tls;
    private final boolean implicitTls;

    LdapChannelInitializer(RequestHandler dispatcher, ConnectionObserver connections, ExecutorService workers, Limits limits,
            ConnectionLimiter limiter, TlsContext tls, boolean implicitTls) {
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.workers = workers;
        this.limits = limits;
        this.limiter = limiter;
        this.tls = tls;
        this.implicitTls = implicitTls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast("limit", limiter);
        if (implicitTls) {
            p.addLast(StartTls.HANDLER_NAME, tls.newHandler(channel.alloc(), false));
        }
        if (limits.idleTimeoutSeconds() > 0) {
            p.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeoutSeconds(), TimeUnit.SECONDS));
        }
        p.addLast("frame", new LdapFrameDecoder(limits));
        p.addLast("codec", new LdapMessageCodec());
        p.addLast("handler", new LdapRequestHandler(dispatcher, workers, tls, connections,
                implicitTls ? "ldaps" : "ldap"));
    }
}
