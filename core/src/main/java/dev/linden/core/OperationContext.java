package dev.linden.core;

import dev.linden.protocol.LdapMessage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request in flight: its session, the message, where intermediate responses go, whether it was
 * abandoned (no response is due), and whether it was canceled (RFC 3909: it stops and answers canceled).
 */
public record OperationContext(
        Session session, LdapMessage request, ResponseSink sink, AtomicBoolean abandoned, AtomicBoolean canceled) {
    public OperationContext(Session session, LdapMessage request, ResponseSink sink, AtomicBoolean abandoned) {
        this(session, request, sink, abandoned, new AtomicBoolean());
    }

    /** Whether the operation should stop: abandoned, canceled, or its connection gone. */
    public boolean isAbandoned() {
        return abandoned.get() || canceled.get();
    }

    /** Whether a Cancel operation asked this one to stop. */
    public boolean isCanceled() {
        return canceled.get() && !abandoned.get();
    }

    /** The same request with its responses going through another sink (counting, tallying). */
    public OperationContext withSink(ResponseSink other) {
        return new OperationContext(session, request, other, abandoned, canceled);
    }

    /** The same request run as another identity (proxied authorization). */
    public OperationContext withSession(Session other) {
        return new OperationContext(other, request, sink, abandoned, canceled);
    }
}
