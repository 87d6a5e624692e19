package dev.linden.server;

import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.op.SearchResultEntry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/**
 * One PDU's bytes to an {@link LdapMessage} and back (most responses arrive already encoded, by
 * {@link ResponseWriter}). A PDU that does not decode ends the connection with a notice.
 */
final class LdapMessageCodec extends MessageToMessageCodec<byte[], LdapMessage> {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, byte[] pdu, List<Object> out) {
        if (failed) {
            return;
        }
        try {
            out.add(LdapDecoder.decode(pdu));
        } catch (BerException e) {
            failed = true;
            Disconnect.notice(ctx.channel(), ResultCode.PROTOCOL_ERROR, "malformed request: " + e.getMessage());
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LdapMessage message, List<Object> out) {
        out.add(toBuffer(message));
    }

    /** The message's BER bytes; the operations' threads encode their own responses with this (see ResponseWriter). */
    static ByteBuf toBuffer(LdapMessage message) {
        BerWriter w = new BerWriter(sizeHint(message));
        LdapEncoder.encode(message, w);
        return Unpooled.wrappedBuffer(w.array(), 0, w.size());
    }

    /** Room for the message: an entry's stored section and DN, so that its encoding is not copied to grow. */
    private static int sizeHint(LdapMessage message) {
        if (message.op() instanceof SearchResultEntry e && e.encodedAttributes() != null) {
            return 64 + 3 * e.dn().length() + e.encodedAttributes().length;
        }
        return 256;
    }
}
