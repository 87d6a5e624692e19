package dev.linden.server;

import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.LdapTags;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ExtendedResponse;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection with a Notice of Disconnection (RFC 4511 4.4.1), then closes it. The close
 * lingers: once the notice is written the server half-closes (FIN) and discards what the client
 * still sends for a moment before closing, because closing a socket with unread input resets it
 * (RST), and a client that had not yet read the notice would lose it.
 */
final class Disconnect {
    /** How long a notice may take to reach a client that does not read before the connection is closed anyway. */
    private static final long NOTICE_GRACE_SECONDS = 5;
    /** How long the half-closed connection waits for the client to close its side. */
    private static final long LINGER_MILLIS = 1000;

    private Disconnect() {}

    /** Sends the notice and closes once it is written, or after a few seconds if the client does not read. */
    static void notice(Channel channel, ResultCode code, String message) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(notice(code, message)).addListener((ChannelFutureListener) f -> linger(channel));
        channel.eventLoop()
                .schedule(
                        () -> {
                            channel.close();
                        },
                        NOTICE_GRACE_SECONDS,
                        TimeUnit.SECONDS);
    }

    /** Half-closes, discards whatever still arrives, and closes when the client does or shortly after. */
    private static void linger(Channel channel) {
        if (!(channel instanceof SocketChannel socket) || !channel.isActive()) {
            channel.close();
            return;
        }
        channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg); // nothing after the notice is answered
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof ChannelInputShutdownEvent || event instanceof ChannelInputShutdownReadComplete) {
                    ctx.close(); // the client closed its side: done
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
        socket.config().setAutoRead(true);
        socket.shutdownOutput()
                .addListener(f -> channel.eventLoop()
                        .schedule(
                                () -> {
                                    channel.close();
                                },
                                LINGER_MILLIS,
                                TimeUnit.MILLISECONDS));
    }

    /**
     * Sends the notice and closes at once: for a socket that takes nothing any more, where the notice
     * waits behind earlier responses and most likely never arrives.
     */
    static void now(Channel channel, ResultCode code, String message) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(notice(code, message));
        channel.close();
    }

    private static LdapMessage notice(ResultCode code, String message) {
        return new LdapMessage(
                0,
                new ExtendedResponse(
                        new LdapResult(code, "", message, List.of()), LdapTags.NOTICE_OF_DISCONNECTION, null));
    }
}
