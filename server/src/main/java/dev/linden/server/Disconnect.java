package dev.linden.server;

import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.LdapTags;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ExtendedResponse;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** Ends a connection with a Notice of Disconnection (RFC 4511 4.4.1), then closes it. */
final class Disconnect {
    private Disconnect() {
    }

    static void notice(Channel channel, ResultCode code, String message) {
        if (!channel.isActive()) {
            return;
        }
        LdapMessage notice = new LdapMessage(0, new ExtendedResponse(new LdapResult(code, "", message, java.util.List.of()),
                LdapTags.NOTICE_OF_DISCONNECTION, null));
        channel.writeAndFlush(notice).addListener(ChannelFutureListener.CLOSE);
    }
}
