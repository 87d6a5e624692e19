package dev.linden.server;

import dev.linden.protocol.ResultCode;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits connections as they open. When the server holds its maximum, the longest-idle connection
 * (unauthenticated first; never one with an operation in flight) is closed with a Notice of
 * Disconnection to make room, as a fleet of clients that keep connections open needs; only when
 * every connection is busy is the new one refused. Connections beyond the cap for one client address
 * are refused. A refused client gets a Notice of Disconnection too. Shared by all connections.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;
    private final int max;
    private final int maxPerAddress;
    private final IdleConnections idle;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    ConnectionLimiter(int max, int maxPerAddress, IdleConnections idle) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.idle = idle;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int total = open.incrementAndGet();
        InetAddress address = address(ctx);
        int fromAddress = address == null ? 0 : perAddress.merge(address, 1, Integer::sum);
        if (fromAddress > maxPerAddress) {
            log.warn(
                    "refusing connection from {}: {} connections open from that address",
                    ctx.channel().remoteAddress(),
                    maxPerAddress);
            Disconnect.notice(ctx.channel(), ResultCode.UNAVAILABLE, "too many connections from this address");
            return;
        }
        if (total > max && !makeRoom()) {
            log.warn(
                    "refusing connection from {}: {} connections open, none of them idle",
                    ctx.channel().remoteAddress(),
                    max);
            Disconnect.notice(ctx.channel(), ResultCode.UNAVAILABLE, "the server is full and every connection is busy");
            return;
        }
        super.channelActive(ctx);
    }

    /** Closes the longest-idle connection; false when none is idle. Its count goes down when it has closed. */
    private boolean makeRoom() {
        Connection victim = idle.takeLongestIdle();
        if (victim == null) {
            return false;
        }
        long count = evicted.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "{} connections open (limits.maxConnections): closing the longest-idle ones to admit new clients"
                            + " ({} so far)",
                    max,
                    count);
        }
        log.debug(
                "closing idle connection {} ({}) to make room",
                victim.channel.remoteAddress(),
                victim.session.isAnonymous() ? "anonymous" : victim.session.boundDn());
        Disconnect.notice(
                victim.channel,
                ResultCode.UNAVAILABLE,
                "the server is full: closing the connection idle longest to admit a new client");
        return true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open.decrementAndGet();
        InetAddress address = address(ctx);
        if (address != null) {
            perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
        super.channelInactive(ctx);
    }

    private static InetAddress address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }
}
