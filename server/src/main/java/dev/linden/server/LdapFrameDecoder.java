package dev.linden.server;

import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream into whole LDAP PDUs by their BER length, and refuses a PDU larger than the
 * limit from its header alone, before buffering it: a smaller limit applies until the client binds.
 */
final class LdapFrameDecoder extends ByteToMessageDecoder {
    private final Limits limits;
    private final byte[] header = new byte[6];
    private boolean failed;

    LdapFrameDecoder(Limits limits) {
        this.limits = limits;
    }

    /**
     * One PDU per call: Netty hands it on before cutting the next, so a StartTLS request is handled
     * before anything the client sent after it is framed (see {@link #discardBuffered}).
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!failed && in.isReadable()) {
            int available = Math.min(header.length, in.readableBytes());
            in.getBytes(in.readerIndex(), header, 0, available);
            long length;
            try {
                if ((header[0] & 0xFF) != 0x30) {
                    throw new BerException("an LDAP message must start with a SEQUENCE");
                }
                length = BerFrames.elementLength(header, available);
            } catch (BerException e) {
                fail(ctx, e.getMessage());
                return;
            }
            if (length == BerFrames.NEED_MORE) {
                return;
            }
            Connection connection = ctx.channel().attr(Connection.KEY).get();
            int max = connection == null || connection.session.isAnonymous()
                    ? limits.maxPduAnonymousBytes()
                    : limits.maxPduBytes();
            if (length > max) {
                fail(ctx, "request of " + length + " bytes exceeds the limit of " + max);
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            byte[] pdu = new byte[(int) length];
            in.readBytes(pdu);
            out.add(pdu);
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * Drops the bytes read and not yet framed; returns how many. For StartTLS: what the client sent
     * after its request arrived in clear, and must not be read as if it had come through TLS.
     */
    int discardBuffered() {
        ByteBuf buffered = internalBuffer();
        int dropped = buffered.readableBytes();
        buffered.skipBytes(dropped);
        return dropped;
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        failed = true;
        Disconnect.notice(ctx.channel(), ResultCode.PROTOCOL_ERROR, why);
    }
}
