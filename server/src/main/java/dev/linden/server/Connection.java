package dev.linden.server;

import dev.linden.core.Session;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-connection state shared by the pipeline's handlers: the session, the operations in flight, the
 * writer their responses go through, and its place among the idle connections.
 */
final class Connection {
    static final AttributeKey<Connection> KEY = AttributeKey.valueOf("linden.connection");

    final Session session;
    final Channel channel;
    final ResponseWriter writer;
    /** Message ID to its abandon flag, for Abandon and for abandoning everything on close. */
    final Map<Integer, AtomicBoolean> inFlight = new ConcurrentHashMap<>();
    /** Requests read and not yet answered (their final response not yet written); the event loop's only. */
    int outstanding;

    // IdleConnections' links and list, guarded by its lock
    Connection idlePrevious;
    Connection idleNext;
    Object idleList;

    Connection(Session session, Channel channel, ResponseWriter writer) {
        this.session = session;
        this.channel = channel;
        this.writer = writer;
    }
}
