package dev.linden.server;

import dev.linden.core.Oids;
import dev.linden.core.Session;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ExtendedResponse;
import dev.linden.server.tls.TlsContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The StartTLS extended operation (RFC 4511 4.14, RFC 4513 3): refused while other operations are
 * outstanding or when TLS is already in place; otherwise TLS is inserted first in the pipeline so
 * that the success response itself still goes out in clear, and the handshake follows. Nothing the
 * client sent in clear after the request is read.
 */
final class StartTls {
    static final String HANDLER_NAME = "ssl";
    private static final Logger log = LoggerFactory.getLogger(StartTls.class);

    private StartTls() {}

    /** Handles a StartTLS request on the network thread; returns the result it answered with. */
    static ResultCode start(ChannelHandlerContext ctx, Connection connection, TlsContext tls, int messageId) {
        Channel channel = ctx.channel();
        if (channel.pipeline().get(HANDLER_NAME) != null) {
            reply(channel, messageId, ResultCode.OPERATIONS_ERROR, "TLS is already established");
            return ResultCode.OPERATIONS_ERROR;
        }
        if (!connection.inFlight.isEmpty()) {
            reply(channel, messageId, ResultCode.OPERATIONS_ERROR, "operations are outstanding");
            return ResultCode.OPERATIONS_ERROR;
        }
        SslHandler ssl = tls.newHandler(channel.alloc(), true);
        channel.pipeline().addFirst(HANDLER_NAME, ssl);
        watchHandshake(ssl, channel, connection.session);
        // Whatever the client sent after its request arrived in clear, and must not be taken as if it
        // had come through TLS (a request injected on the way, answered inside the protected session).
        // RFC 4513 3.1.1 lets nothing follow the request before its response: end the connection.
        int cleartext = channel.pipeline().get(LdapFrameDecoder.class).discardBuffered()
                + channel.pipeline().get(RequestGate.class).discardHeld();
        ChannelFuture replied = reply(channel, messageId, ResultCode.SUCCESS, "");
        if (cleartext > 0) {
            log.debug("closing connection from {}: it sent data in clear after StartTLS", channel.remoteAddress());
            replied.addListener(ChannelFutureListener.CLOSE);
        }
        return ResultCode.SUCCESS;
    }

    /** Marks the session secure once the handshake succeeds (with the client's certificate, if any); closes it if it fails. */
    static void watchHandshake(SslHandler ssl, Channel channel, Session session) {
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                java.security.cert.Certificate[] peer = null;
                try {
                    peer = ssl.engine().getSession().getPeerCertificates();
                } catch (SSLPeerUnverifiedException noClientCertificate) {
                    // a client certificate is optional
                }
                session.markSecure(peer);
            } else {
                log.debug(
                        "TLS handshake with {} failed: {}",
                        channel.remoteAddress(),
                        f.cause().toString());
                channel.close();
            }
        });
    }

    private static ChannelFuture reply(Channel channel, int messageId, ResultCode code, String message) {
        return channel.writeAndFlush(new LdapMessage(
                messageId,
                new ExtendedResponse(
                        new LdapResult(code, "", message, java.util.List.of()),
                        code == ResultCode.SUCCESS ? Oids.START_TLS : null,
                        null)));
    }
}
