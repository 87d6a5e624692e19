package dev.linden.core;

/**
 * Runs one request to its final response. The {@link Dispatcher} is the one that does the work;
 * cross-cutting behaviour (access log, metrics, attack detection, cn=monitor) wraps it as
 * decorators of this interface, stacked where the server is assembled.
 */
@FunctionalInterface
public interface RequestHandler {
    /** Executes one request; returns its final response, or null when none is due (abandoned, unbind, abandon). */
    Response dispatch(OperationContext request);
}
