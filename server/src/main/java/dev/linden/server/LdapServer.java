package dev.linden.server;

import dev.linden.core.RequestHandler;
import dev.linden.observability.ConnectionObserver;
import dev.linden.observability.ListenFailure;
import dev.linden.server.config.ConfigException;
import dev.linden.server.tls.TlsContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the LDAP listener on Netty and stops it cleanly: open requests finish before the store closes. */
public final class LdapServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LdapServer.class);
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    /**
     * One network thread per core (Netty's default is two): they do CPU work only (decoding, encoding,
     * and the quick searches they answer themselves), so a second thread on a core only preempts the
     * first one mid-batch. Measured with the server on one core: two threads gave a search p99 of
     * 4.3 ms, one gave 0.74 ms and 8% less CPU per search. -Dio.netty.eventLoopThreads still decides.
     */
    private final EventLoopGroup io = new NioEventLoopGroup(
            Integer.getInteger("io.netty.eventLoopThreads", Runtime.getRuntime().availableProcessors()));

    private final WorkerPool workers;
    private final Channel channel;
    private final Channel ldapsChannel;
    private final WriteBufferWaterMark writeBuffer;

    /** Listens for LDAP on {@code port}, and for LDAPS on {@code ldapsPort} when TLS is given and the port is not -1. */
    public LdapServer(RequestHandler dispatcher, String host, int port, int ldapsPort, TlsContext tls, Limits limits)
            throws InterruptedException, ConfigException {
        this(dispatcher, ConnectionObserver.NONE, host, port, ldapsPort, tls, limits);
    }

    /** As above, telling {@code connections} about connections opening and closing, Unbind and Abandon. */
    public LdapServer(
            RequestHandler dispatcher,
            ConnectionObserver connections,
            String host,
            int port,
            int ldapsPort,
            TlsContext tls,
            Limits limits)
            throws InterruptedException, ConfigException {
        this.workers = new WorkerPool(limits.workerThreads());
        Transport transport = new Transport(limits, workers); // shared by both listeners, as is the limiter
        ConnectionLimiter limiter =
                new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(), transport.idle());
        this.writeBuffer = new WriteBufferWaterMark(limits.writeBufferBytes() / 2, limits.writeBufferBytes());
        Channel ldap = null;
        try {
            ldap = listen(
                    new LdapChannelInitializer(dispatcher, connections, transport, limiter, tls, false),
                    "LDAP",
                    host,
                    port,
                    "--port or listen.port");
            this.channel = ldap;
            log.info("listening for LDAP on {}{}", channel.localAddress(), tls == null ? "" : " (StartTLS available)");
            if (tls != null && ldapsPort >= 0) {
                this.ldapsChannel = listen(
                        new LdapChannelInitializer(dispatcher, connections, transport, limiter, tls, true),
                        "LDAPS",
                        host,
                        ldapsPort,
                        "listen.ldapsPort");
                log.info("listening for LDAPS on {}", ldapsChannel.localAddress());
            } else {
                this.ldapsChannel = null;
            }
            ConnectionCapacity.log(
                    limits.maxConnections()); // once every listener is open: a failed start prints one line
        } catch (InterruptedException | ConfigException | RuntimeException e) {
            if (ldap != null) {
                ldap.close(); // the LDAP port opened, LDAPS did not: free it for the next attempt
            }
            shutdownGroups();
            throw e;
        }
    }

    /** Binds a listener; a port that cannot be opened is a ConfigException that names the port and the fix. */
    private Channel listen(LdapChannelInitializer initializer, String what, String host, int port, String portSetting)
            throws InterruptedException, ConfigException {
        try {
            return bootstrap(initializer).bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the socket's checked exceptions (BindException) undeclared
            throw new ConfigException(
                    ListenFailure.describe(what, host, port, portSetting, "--host or listen.host", e));
        }
    }

    private ServerBootstrap bootstrap(LdapChannelInitializer initializer) {
        return new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, writeBuffer)
                .childHandler(initializer);
    }

    /** The LDAPS port, or -1 when there is no LDAPS listener. */
    public int ldapsPort() {
        return ldapsChannel == null ? -1 : ((InetSocketAddress) ldapsChannel.localAddress()).getPort();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdown();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (ldapsChannel != null) {
            ldapsChannel.close().syncUninterruptibly();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
