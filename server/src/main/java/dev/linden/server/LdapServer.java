package dev.linden.server;

import dev.linden.core.Dispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the LDAP listener on Netty and stops it cleanly: open requests finish before the store closes. */
public final class LdapServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LdapServer.class);
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup io = new NioEventLoopGroup();
    private final ExecutorService workers;
    private final Channel channel;

    public LdapServer(Dispatcher dispatcher, String host, int port, Limits limits) throws InterruptedException {
        AtomicInteger threadIds = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(limits.workerThreads(), r -> {
            Thread t = new Thread(r, "linden-worker-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new LdapChannelInitializer(dispatcher, workers, limits,
                        new ConnectionLimiter(limits.maxConnections())));
        try {
            this.channel = bootstrap.bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdownGroups();
            throw e;
        }
        log.info("listening for LDAP on {}", channel.localAddress());
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
