package dev.linden.server;

import dev.linden.core.Session;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Per-connection state shared by the pipeline's handlers: the session and the operations in flight. */
final class Connection {
    static final AttributeKey<Connection> KEY = AttributeKey.valueOf("linden.connection");

    final Session session;
    /** Message ID to its abandon flag, for Abandon and for abandoning everything on close. */
    final Map<Integer, AtomicBoolean> inFlight = new ConcurrentHashMap<>();

    Connection(Session session) {
        this.session = session;
    }
}
