package dev.linden.server;

import dev.linden.core.RequestHandler;
import dev.linden.observability.ConnectionObserver;
import dev.linden.server.tls.TlsContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline of a connection, on one screen. On the LDAPS listener TLS comes first; on the
 * plain listener StartTLS inserts it later, at the same place ("ssl", see {@link StartTls}). Any
 * channel will do: the pipeline tests run it on Netty's EmbeddedChannel.
 */
final class LdapChannelInitializer extends ChannelInitializer<Channel> {
    private final RequestHandler dispatcher;
    private final ConnectionObserver connections;
    private final Transport transport;
    private final ConnectionLimiter limiter;
    private final TlsContext tls;
    private final boolean implicitTls;

    LdapChannelInitializer(
            RequestHandler dispatcher,
            ConnectionObserver connections,
            Transport transport,
            ConnectionLimiter limiter,
            TlsContext tls,
            boolean implicitTls) {
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.transport = transport;
        this.limiter = limiter;
        this.tls = tls;
        this.implicitTls = implicitTls;
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        Limits limits = transport.limits();
        p.addLast("limit", limiter);
        if (implicitTls) {
            p.addLast(StartTls.HANDLER_NAME, tls.newHandler(channel.alloc(), false));
        }
        if (limits.idleTimeoutSeconds() > 0) {
            p.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeoutSeconds(), TimeUnit.SECONDS));
        }
        p.addLast("frame", new LdapFrameDecoder(limits));
        p.addLast("gate", new RequestGate(limits.maxOutstandingPerConnection()));
        p.addLast("codec", new LdapMessageCodec());
        p.addLast(
                "handler",
                new LdapRequestHandler(dispatcher, tls, connections, implicitTls ? "ldaps" : "ldap", transport));
    }
}
