package dev.linden.server;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.ResponseSink;
import dev.linden.core.Session;
import dev.linden.protocol.LdapMessage;
import dev.linden.core.Oids;
import dev.linden.observability.ConnectionObserver;
import dev.linden.protocol.op.AbandonRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.server.tls.TlsContext;
import io.netty.handler.ssl.SslHandler;
import dev.linden.protocol.op.UnbindRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per connection: keeps the session, runs each request on the worker pool (so a slow bind or a long
 * search never blocks the network thread), answers by message ID, and handles Abandon and Unbind
 * itself. Many requests may be outstanding at once.
 */
final class LdapRequestHandler extends SimpleChannelInboundHandler<LdapMessage> {
    private static final Logger log = LoggerFactory.getLogger(LdapRequestHandler.class);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final RequestHandler dispatcher;
    private final ExecutorService workers;
    private final TlsContext tls;
    private final ConnectionObserver connections;
    private final String listener;

    LdapRequestHandler(RequestHandler dispatcher, ExecutorService workers, TlsContext tls, ConnectionObserver connections,
            String listener) {
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.tls = tls;
        this.connections = connections;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        boolean loopback = false;
        String address = String.valueOf(ctx.channel().remoteAddress());
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress isa && isa.getAddress() != null) {
            address = isa.getAddress().getHostAddress() + ":" + isa.getPort();
            loopback = isa.getAddress().isLoopbackAddress();
        }
        Session session = new Session(CONNECTION_IDS.incrementAndGet(), address, loopback);
        Connection connection = new Connection(session);
        ctx.channel().attr(Connection.KEY).set(connection);
        String local = ctx.channel().localAddress() instanceof InetSocketAddress l && l.getAddress() != null
                ? l.getAddress().getHostAddress() + ":" + l.getPort() : String.valueOf(ctx.channel().localAddress());
        connections.opened(session, listener, local, connection.inFlight::size);
        if (ctx.pipeline().get(StartTls.HANDLER_NAME) instanceof SslHandler ssl) { // LDAPS
            StartTls.watchHandshake(ssl, ctx.channel(), session);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Connection connection = ctx.channel().attr(Connection.KEY).get();
        if (connection != null) {
            connection.inFlight.values().forEach(flag -> flag.set(true));
            connections.closed(connection.session);
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, LdapMessage message) {
        Connection connection = ctx.channel().attr(Connection.KEY).get();
        switch (message.op()) {
            case UnbindRequest u -> {
                connections.unbind(connection.session, message.messageId());
                connection.inFlight.values().forEach(flag -> flag.set(true));
                ctx.close();
                return;
            }
            case AbandonRequest a -> {
                connections.abandon(connection.session, message.messageId(), a.idToAbandon());
                AtomicBoolean flag = connection.inFlight.get(a.idToAbandon());
                if (flag != null) {
                    flag.set(true);
                }
                return;
            }
            case ExtendedRequest x when x.oid().equals(Oids.START_TLS) && tls != null -> {
                connections.startTls(connection.session, message.messageId(),
                        StartTls.start(ctx, connection, tls, message.messageId()));
                return;
            }
            default -> {
            }
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        connection.inFlight.put(message.messageId(), abandoned);
        Channel channel = ctx.channel();
        try {
            workers.execute(() -> run(channel, connection.session, message, abandoned, connection));
        } catch (RejectedExecutionException e) {
            connection.inFlight.remove(message.messageId());
            Disconnect.notice(channel, dev.linden.protocol.ResultCode.UNAVAILABLE, "server is shutting down");
        }
    }

    private void run(Channel channel, Session session, LdapMessage message, AtomicBoolean abandoned,
            Connection connection) {
        try {
            ResponseSink sink = response -> write(channel, response);
            Response response = dispatcher.dispatch(new OperationContext(session, message, sink, abandoned));
            if (response != null && !abandoned.get()) {
                channel.writeAndFlush(new LdapMessage(message.messageId(), response.op(), response.controls()));
            } else {
                channel.flush();
            }
        } finally {
            connection.inFlight.remove(message.messageId(), abandoned);
        }
    }

    /** Writes without flushing; when the socket's buffer is full, flushes and waits, so a slow reader does not fill memory. */
    private static void write(Channel channel, LdapMessage message) {
        channel.write(message);
        if (!channel.isWritable()) {
            channel.flush();
            while (channel.isActive() && !channel.isWritable()) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            log.debug("closing idle connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
