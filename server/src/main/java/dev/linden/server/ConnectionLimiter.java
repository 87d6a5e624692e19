package dev.linden.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections beyond the configured maximum, in all and from one client address, as soon as
 * they open. Shared by all connections.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private final int max;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int total = open.incrementAndGet();
        InetAddress address = address(ctx);
        int fromAddress = address == null ? 0 : perAddress.merge(address, 1, Integer::sum);
        if (total > max) {
            log.warn("refusing connection from {}: {} connections open", ctx.channel().remoteAddress(), max);
            ctx.close();
            return;
        }
        if (fromAddress > maxPerAddress) {
            log.warn("refusing connection from {}: {} connections open from that address", ctx.channel().remoteAddress(),
                    maxPerAddress);
            ctx.close();
            return;
        }
        super.channelActive(ctx);
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
