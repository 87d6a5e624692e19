package dev.linden.server;

import dev.linden.protocol.LdapTags;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;

/**
 * Holds back a connection's requests past limits.maxOutstandingPerConnection (read and not yet
 * answered): they wait here as undecoded PDUs, and the server stops reading the socket (autoRead off)
 * until answers have gone out, so TCP itself slows a client that sends faster than it reads. What
 * waits here is at most what the last read brought in. Abandon and Unbind are never held: they are
 * answered by nothing and free what is outstanding, the one way out for a client at its bound. The
 * event loop's only.
 */
final class RequestGate extends ChannelInboundHandlerAdapter {
    private final int maxOutstanding;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    RequestGate(int maxOutstanding) {
        this.maxOutstanding = maxOutstanding;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object pdu) {
        if (pdu instanceof byte[] bytes && isAbandonOrUnbind(bytes)) {
            ctx.fireChannelRead(pdu);
            return;
        }
        if (!held.isEmpty() || full()) {
            held.add(pdu);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        ctx.fireChannelRead(pdu);
        if (full()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    /** One of the connection's requests has been answered: let held ones through, then read again. */
    void answered() {
        while (!held.isEmpty() && !full() && ctx.channel().isActive()) {
            ctx.fireChannelRead(held.poll());
        }
        if (held.isEmpty() && !full() && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Drops the requests waiting here; returns how many. For StartTLS: they were sent after it, in clear. */
    int discardHeld() {
        int dropped = held.size();
        held.clear();
        return dropped;
    }

    /** Requests waiting here (for tests and monitoring). */
    int held() {
        return held.size();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        held.clear();
        super.channelInactive(ctx);
    }

    /** Whether the PDU is an Abandon or an Unbind request, from its operation's tag (after the message ID). */
    static boolean isAbandonOrUnbind(byte[] pdu) {
        int i = 1; // past the SEQUENCE tag
        if (pdu.length < 2) {
            return false;
        }
        int length = pdu[i++] & 0xFF;
        if (length > 0x80) {
            i += length - 0x80; // long form: the length's own bytes
        }
        if (i + 1 >= pdu.length || pdu[i] != 0x02) { // the message ID, an INTEGER
            return false;
        }
        if ((pdu[i + 1] & 0x80) != 0) {
            return false;
        }
        i += 2 + pdu[i + 1];
        if (i >= pdu.length) {
            return false;
        }
        int tag = pdu[i] & 0xFF;
        return tag == LdapTags.ABANDON_REQUEST || tag == LdapTags.UNBIND_REQUEST;
    }

    private boolean full() {
        Connection c = ctx.channel().attr(Connection.KEY).get();
        return c != null && c.outstanding >= maxOutstanding;
    }
}
