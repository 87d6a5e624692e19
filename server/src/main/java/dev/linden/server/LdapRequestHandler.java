package dev.linden.server;

import dev.linden.core.InFlight;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.RunOnWorker;
import dev.linden.core.Session;
import dev.linden.observability.ConnectionObserver;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.AbandonRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.UnbindRequest;
import dev.linden.server.tls.TlsContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per connection: keeps the session, runs each request on the worker pool (so a slow bind or a long
 * search never blocks the network thread), answers by message ID, and handles Abandon and Unbind
 * itself. Many requests may be outstanding at once; a request stays outstanding until its final
 * response has been taken by the socket, and the connection is idle (see {@link IdleConnections})
 * while none is.
 */
final class LdapRequestHandler extends SimpleChannelInboundHandler<LdapMessage> {
    /** Off with -Dlinden.allOnWorkers=true: every request on a worker, as before (to compare them). */
    private static final boolean NETWORK_THREAD_REQUESTS = !Boolean.getBoolean("linden.allOnWorkers");

    private static final Logger log = LoggerFactory.getLogger(LdapRequestHandler.class);
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();

    private final RequestHandler dispatcher;
    private final TlsContext tls;
    private final ConnectionObserver connections;
    private final String listener;
    private final Transport transport;
    private Connection connection;
    private RequestGate gate;
    private WriteStallWatch stalls;

    LdapRequestHandler(
            RequestHandler dispatcher,
            TlsContext tls,
            ConnectionObserver connections,
            String listener,
            Transport transport) {
        this.dispatcher = dispatcher;
        this.tls = tls;
        this.connections = connections;
        this.listener = listener;
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        boolean loopback = false;
        Channel channel = ctx.channel();
        String address = String.valueOf(channel.remoteAddress());
        if (channel.remoteAddress() instanceof InetSocketAddress isa && isa.getAddress() != null) {
            address = isa.getAddress().getHostAddress() + ":" + isa.getPort();
            loopback = isa.getAddress().isLoopbackAddress();
        }
        Session session = new Session(CONNECTION_IDS.incrementAndGet(), address, loopback);
        connection = new Connection(session, channel, new ResponseWriter(channel, transport));
        gate = ctx.pipeline().get(RequestGate.class);
        stalls = new WriteStallWatch(channel, transport.limits().writeTimeoutSeconds());
        channel.attr(Connection.KEY).set(connection);
        transport.idle().idle(connection);
        String local = channel.localAddress() instanceof InetSocketAddress l && l.getAddress() != null
                ? l.getAddress().getHostAddress() + ":" + l.getPort()
                : String.valueOf(channel.localAddress());
        connections.opened(session, listener, local, connection.inFlight::size);
        if (ctx.pipeline().get(StartTls.HANDLER_NAME) instanceof SslHandler ssl) { // LDAPS
            StartTls.watchHandshake(ssl, channel, session);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.inFlight.values().forEach(flag -> flag.set(true));
            transport.idle().remove(connection);
            connection.writer.wake(); // operations waiting for room see the connection closed
            stalls.stop();
            connections.closed(connection.session);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            if (ctx.channel().isWritable()) {
                connection.writer.wake();
            }
            stalls.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, LdapMessage message) {
        switch (message.op()) {
            case UnbindRequest u -> {
                connections.unbind(connection.session, message.messageId());
                connection.inFlight.values().forEach(flag -> flag.set(true));
                ctx.close();
                return;
            }
            case AbandonRequest a -> {
                connections.abandon(connection.session, message.messageId(), a.idToAbandon());
                touch();
                AtomicBoolean flag = connection.inFlight.get(a.idToAbandon());
                if (flag != null) {
                    flag.set(true);
                    connection.writer.wake(); // it may be waiting for room to send an entry
                }
                return;
            }
            case ExtendedRequest x
            when x.oid().equals(Oids.START_TLS) && tls != null -> {
                touch();
                connections.startTls(
                        connection.session,
                        message.messageId(),
                        StartTls.start(ctx, connection, tls, message.messageId()));
                return;
            }
            default -> {}
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        connection.inFlight.put(message.messageId(), abandoned);
        // entered here, in the order the client sent them, so that a Cancel finds a request read before it
        InFlight.Request request = connection.session.inFlight().start(message.messageId(), message.op());
        if (connection.outstanding++ == 0) {
            transport.idle().remove(connection);
        }
        Channel channel = ctx.channel();
        if (mayRunHere(message, channel) && runHere(channel, message, abandoned, request)) {
            return;
        }
        try {
            transport.workers().execute(() -> run(channel, message, abandoned, request));
        } catch (RejectedExecutionException e) {
            connection.session.inFlight().answered(message.messageId(), request);
            answered(message.messageId(), abandoned);
            Disconnect.notice(channel, ResultCode.UNAVAILABLE, "server is shutting down");
        }
    }

    /** A request handled here is activity too: an idle connection goes to the end of the idle order. */
    private void touch() {
        if (connection.outstanding == 0) {
            transport.idle().idle(connection);
        }
    }

    /**
     * Whether to try the request on this network thread: a search without controls (they keep state in
     * the session, or wait), or a simple bind (with the password policy control at most), on a
     * connection with nothing else in flight and room in its socket queue. Most such requests (a user
     * by uid, a group by DN, an application's bind with a digest password) take microseconds; handing
     * one to a worker and its answer back costs two thread wake-ups, measured at about a fifth of a
     * search's CPU with the server on one core.
     */
    private boolean mayRunHere(LdapMessage message, Channel channel) {
        boolean quickKind = switch (message.op()) {
            case SearchRequest s -> message.controls().isEmpty();
            case BindRequest b ->
                b.isSimple()
                        && message.controls().stream().allMatch(c -> c.oid().equals(Oids.PASSWORD_POLICY));
            default -> false;
        };
        return NETWORK_THREAD_REQUESTS && quickKind && connection.outstanding == 1 && channel.isWritable();
    }

    /**
     * On the event loop: the request run here, its answer written at once; false when it turned out not
     * to be quick ({@link RunOnWorker}: nothing was sent nor recorded) and must go to a worker.
     */
    private boolean runHere(Channel channel, LdapMessage message, AtomicBoolean abandoned, InFlight.Request request) {
        NetworkThreadSink sink = new NetworkThreadSink();
        Response response;
        try {
            response = dispatcher.dispatch(
                    new OperationContext(connection.session, message, sink, abandoned, request.canceled()));
        } catch (RunOnWorker moved) {
            sink.drop();
            return false;
        } catch (RuntimeException | Error e) {
            sink.drop();
            ended(channel, message.messageId(), abandoned, request, null);
            throw e;
        }
        connection.inFlight.remove(message.messageId(), abandoned);
        ChannelFuture written = sink.finish(
                channel,
                response != null && !abandoned.get()
                        ? new LdapMessage(message.messageId(), response.op(), response.controls())
                        : null);
        ended(channel, message.messageId(), abandoned, request, written);
        return true;
    }

    /**
     * A request has been run here: answered once its response is written, in a task of its own (a
     * write the socket takes at once completes inside this call, and answering lets held requests
     * through, which must not recurse into this handler).
     */
    private void ended(
            Channel channel, int messageId, AtomicBoolean abandoned, InFlight.Request request, ChannelFuture written) {
        connection.session.inFlight().answered(messageId, request);
        Runnable answer = () -> channel.eventLoop().execute(() -> answered(messageId, abandoned));
        if (written != null) {
            written.addListener(f -> answer.run());
        } else {
            answer.run();
        }
    }

    /** On a worker: the operation, its responses through the connection's writer, then its end on the event loop. */
    private void run(Channel channel, LdapMessage message, AtomicBoolean abandoned, InFlight.Request request) {
        ChannelFuture written = null;
        try {
            ConnectionSink sink = new ConnectionSink(connection.writer, transport.workers(), abandoned);
            Response response = dispatcher.dispatch(
                    new OperationContext(connection.session, message, sink, abandoned, request.canceled()));
            sink.awaitRoomForHeld(); // still in flight: a client that does not read can abandon it
            // done before its final response is queued: a client that reads it may send StartTLS at once
            connection.inFlight.remove(message.messageId(), abandoned);
            written = sink.finish(
                    response != null && !abandoned.get()
                            ? new LdapMessage(message.messageId(), response.op(), response.controls())
                            : null);
        } finally {
            connection.session.inFlight().answered(message.messageId(), request); // after its response was queued
            if (written != null) {
                written.addListener(f -> answered(message.messageId(), abandoned));
            } else {
                try {
                    channel.eventLoop().execute(() -> answered(message.messageId(), abandoned));
                } catch (RejectedExecutionException stopping) {
                    // the network threads are gone: nothing left to account for
                }
            }
        }
    }

    /** On the event loop: a request has been answered (or abandoned); held requests may go on, reading may resume. */
    private void answered(int messageId, AtomicBoolean abandoned) {
        connection.inFlight.remove(messageId, abandoned);
        if (--connection.outstanding == 0 && connection.channel.isActive()) {
            transport.idle().idle(connection);
        }
        gate.answered();
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
