package dev.linden.server.cldap;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.core.netlogon.NetlogonAnswer;
import dev.linden.observability.CldapStats;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One datagram, one request, at most one answer datagram. In order: the size (an oversized datagram
 * is dropped unread), the rate limits (per source, then global), one well-formed LDAP message
 * (nothing may follow it), then what it asks: an LDAP ping is answered here, on the network thread,
 * from the configuration alone; a root DSE search, when enabled, goes through the ordinary request
 * path on its own thread; any other search gets a small unwillingToPerform; anything else nothing.
 * Every answer is checked against the size and ratio caps before it leaves, and replaced by a
 * small adminLimitExceeded when it is too large. The caps make this listener useless as a
 * reflector: an answer is never more than {@code maxReplyRatio} times its request.
 */
@ChannelHandler.Sharable
final class CldapHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(CldapHandler.class);

    private final CldapSettings settings;
    private final NetlogonAnswer netlogon;
    private final RequestHandler requests;
    private final ExecutorService rootDseThread;
    private final RateLimiter limiter;
    private final DropReports reports;
    private final CldapStats stats;
    private final LongSupplier clock;

    /**
     * @param netlogon answers pings, or null to refuse them
     * @param requests the request path root DSE searches go through (when {@code settings.rootDse()})
     * @param rootDseThread where they run: never the network thread, which a throttled client could stall
     */
    CldapHandler(
            CldapSettings settings,
            NetlogonAnswer netlogon,
            RequestHandler requests,
            ExecutorService rootDseThread,
            DropReports reports,
            CldapStats stats,
            LongSupplier clock) {
        this.settings = settings;
        this.netlogon = netlogon;
        this.requests = requests;
        this.rootDseThread = rootDseThread;
        this.reports = reports;
        this.stats = stats;
        this.clock = clock;
        this.limiter = new RateLimiter(
                settings.sourceRate(),
                settings.sourceBurst(),
                settings.globalRate(),
                settings.maxSources(),
                clock.getAsLong());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        int size = packet.content().readableBytes();
        stats.received(size);
        if (size > settings.maxRequestBytes()) {
            stats.dropped(CldapStats.Drop.OVERSIZED);
            return;
        }
        long now = clock.getAsLong();
        switch (limiter.admit(sender.getAddress(), now)) {
            case SOURCE -> {
                stats.dropped(CldapStats.Drop.SOURCE_RATE);
                reports.dropped(sender.getAddress(), false, now);
                return;
            }
            case GLOBAL -> {
                stats.dropped(CldapStats.Drop.GLOBAL_RATE);
                reports.dropped(sender.getAddress(), true, now);
                return;
            }
            case ADMITTED -> {}
        }
        LdapMessage message;
        try {
            message = LdapDecoder.decode(ByteBufUtil.getBytes(packet.content()));
        } catch (BerException e) {
            stats.dropped(CldapStats.Drop.MALFORMED);
            return;
        }
        if (!(message.op() instanceof SearchRequest search)) {
            stats.dropped(CldapStats.Drop.UNSUPPORTED); // abandon, bind...: nothing to answer over UDP
            return;
        }
        InetSocketAddress local = packet.recipient();
        if (netlogon != null && NetlogonAnswer.isPing(search)) {
            Inet4Address on =
                    local != null && local.getAddress() instanceof Inet4Address a && !a.isAnyLocalAddress() ? a : null;
            reply(
                    ctx,
                    sender,
                    size,
                    CldapStats.Answer.NETLOGON,
                    List.of(
                            new LdapMessage(message.messageId(), netlogon.entry(search, on)),
                            done(message.messageId(), ResultCode.SUCCESS)));
        } else if (settings.rootDse() && search.baseDn().isEmpty() && search.scope() == SearchScope.BASE) {
            try {
                rootDseThread.execute(
                        () -> reply(ctx, sender, size, CldapStats.Answer.ROOT_DSE, rootDse(message, sender)));
            } catch (RejectedExecutionException e) {
                stats.dropped(CldapStats.Drop.BUSY);
            }
        } else {
            reply(
                    ctx,
                    sender,
                    size,
                    CldapStats.Answer.REFUSED,
                    List.of(done(message.messageId(), ResultCode.UNWILLING_TO_PERFORM)));
        }
    }

    /** The root DSE search through the ordinary request path, as an anonymous client at the sender's address. */
    private List<LdapMessage> rootDse(LdapMessage request, InetSocketAddress sender) {
        Session session = new Session(
                0,
                sender.getAddress().getHostAddress() + ":" + sender.getPort(),
                sender.getAddress().isLoopbackAddress());
        List<LdapMessage> out = new ArrayList<>();
        Response response = requests.dispatch(new OperationContext(session, request, out::add, new AtomicBoolean()));
        if (response != null) {
            out.add(new LdapMessage(request.messageId(), response.op(), response.controls()));
        }
        return out;
    }

    private void reply(
            ChannelHandlerContext ctx,
            InetSocketAddress to,
            int requestSize,
            CldapStats.Answer kind,
            List<LdapMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (LdapMessage m : messages) {
            out.writeBytes(LdapEncoder.encode(m));
        }
        byte[] bytes = out.toByteArray();
        long cap = Math.min(settings.maxReplyBytes(), (long) settings.maxReplyRatio() * requestSize);
        if (bytes.length > cap) {
            int id = messages.get(messages.size() - 1).messageId();
            bytes = LdapEncoder.encode(done(id, ResultCode.ADMIN_LIMIT_EXCEEDED));
            kind = CldapStats.Answer.CAPPED;
        }
        stats.answered(kind, bytes.length);
        ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), to));
    }

    private static LdapMessage done(int messageId, ResultCode code) {
        return new LdapMessage(messageId, new SearchResultDone(LdapResult.of(code, "")));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("CLDAP listener on {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
