package dev.linden.server;

import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.LdapTags;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ExtendedResponse;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a connection with a Notice of Disconnection (RFC 4511 4.4.1), then closes it. */
final class Disconnect {
    /** How long a notice may take to reach a client that does not read before the connection is closed anyway. */
    private static final long NOTICE_GRACE_SECONDS = 5;

    private Disconnect() {
    }

    /** Sends the notice and closes once it is written, or after a few seconds if the client does not read. */
    static void notice(Channel channel, ResultCode code, String message) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(notice(code, message)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, NOTICE_GRACE_SECONDS, TimeUnit.SECONDS);
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
        return new LdapMessage(0, new ExtendedResponse(new LdapResult(code, "", message, List.of()),
                LdapTags.NOTICE_OF_DISCONNECTION, null));
    }
}
