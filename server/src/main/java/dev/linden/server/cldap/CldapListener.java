package dev.linden.server.cldap;

import dev.linden.core.RequestHandler;
import dev.linden.core.netlogon.NetlogonAnswer;
import dev.linden.core.netlogon.NetlogonSettings;
import dev.linden.observability.CldapStats;
import dev.linden.observability.security.SecurityEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLDAP listener: UDP sockets on Netty (one network thread is plenty behind the rate limits)
 * sharing one {@link CldapHandler}. On a wildcard host it binds each local address apart, because a
 * client's connected UDP socket (Samba's, Windows') only accepts an answer from the address it sent
 * to, and an unbound reply would leave from whichever address the route picks. Addresses added
 * after start are not served until a restart.
 */
public final class CldapListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CldapListener.class);
    private static final int ROOT_DSE_QUEUE = 64;

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ExecutorService rootDseThread;
    private final List<Channel> channels = new ArrayList<>();
    private final CldapStats stats;

    private CldapListener(CldapStats stats) {
        this.stats = stats;
        this.rootDseThread =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(ROOT_DSE_QUEUE), r -> {
                    Thread t = new Thread(r, "linden-cldap-rootdse");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Binds the sockets and starts answering.
     *
     * @param netlogon the LDAP ping's answer, or null to refuse pings
     * @param requests the request path (for root DSE searches, when enabled)
     * @param events where rate-limit drops are reported (the security log)
     * @throws IOException when a socket cannot be bound (the port is taken, or below 1024 without the right)
     */
    public static CldapListener start(
            CldapSettings settings,
            NetlogonSettings netlogon,
            RequestHandler requests,
            CldapStats stats,
            Consumer<SecurityEvent> events)
            throws InterruptedException, IOException {
        CldapListener l = new CldapListener(stats);
        CldapHandler handler = new CldapHandler(
                settings,
                netlogon == null ? null : new NetlogonAnswer(netlogon),
                requests,
                l.rootDseThread,
                new DropReports(events),
                stats,
                System::nanoTime);
        try {
            for (InetAddress address : addresses(settings.host())) {
                Channel ch = new Bootstrap()
                        .group(l.group)
                        .channel(NioDatagramChannel.class)
                        .handler(handler)
                        .bind(new InetSocketAddress(address, l.channels.isEmpty() ? settings.port() : l.port()))
                        .sync()
                        .channel();
                l.channels.add(ch);
            }
        } catch (InterruptedException e) {
            l.close();
            throw e;
        } catch (Exception e) { // Netty rethrows the socket's BindException unchecked
            l.close();
            throw new IOException(
                    "cldap: cannot listen on UDP " + settings.host() + ":" + settings.port() + ": "
                            + (e instanceof IllegalArgumentException ? e.getMessage() : e.toString()),
                    e);
        }
        stats.listening(true);
        log.info(
                "listening for CLDAP (LDAP pings{}) on UDP {}",
                settings.rootDse() ? " and root DSE searches" : "",
                l.channels.stream().map(c -> String.valueOf(c.localAddress())).toList());
        return l;
    }

    /** The addresses to bind: the host itself, or every local address of its family when it is a wildcard. */
    static List<InetAddress> addresses(String host) {
        InetAddress given;
        try {
            given = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cldap.host: unknown host " + host);
        }
        if (!given.isAnyLocalAddress()) {
            return List.of(given);
        }
        boolean v6 = given instanceof Inet6Address;
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if ((a instanceof Inet4Address || v6) && !a.isLinkLocalAddress()) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException("cldap.host: cannot list this machine's addresses: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("cldap.host: this machine has no address to listen on");
        }
        return out;
    }

    /** The UDP port (the same on every address). */
    public int port() {
        return ((InetSocketAddress) channels.get(0).localAddress()).getPort();
    }

    /** The bound addresses, as host:port. */
    public List<InetSocketAddress> localAddresses() {
        return channels.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    @Override
    public void close() {
        stats.listening(false);
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        rootDseThread.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
