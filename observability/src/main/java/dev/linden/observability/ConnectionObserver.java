package dev.linden.observability;

import dev.linden.core.Session;
import java.util.function.IntSupplier;

/**
 * Told by the transport about what never reaches the dispatcher: connections opening and closing,
 * Unbind, Abandon and StartTLS. Called on network threads: must be quick.
 */
public interface ConnectionObserver {
    ConnectionObserver NONE = new ConnectionObserver() {};

    /**
     * @param listener "ldap" or "ldaps"
     * @param localAddress the listening address the client reached, as "ip:port"
     * @param inFlight the connection's operations in progress right now
     */
    default void opened(Session session, String listener, String localAddress, IntSupplier inFlight) {}

    default void closed(Session session) {}

    default void unbind(Session session, int messageId) {}

    default void abandon(Session session, int messageId, int idToAbandon) {}

    /** A StartTLS request, answered by the transport with {@code result} (the handshake follows). */
    default void startTls(Session session, int messageId, dev.linden.protocol.ResultCode result) {}
}
