package dev.linden.core;

import dev.linden.protocol.LdapMessage;
import java.util.concurrent.atomic.AtomicBoolean;

/** One request in flight: its session, the message, where intermediate responses go, and whether it was abandoned. */
public record OperationContext(Session session, LdapMessage request, ResponseSink sink, AtomicBoolean abandoned) {
    public boolean isAbandoned() {
        return abandoned.get();
    }
}
