package dev.linden.server.cldap;

import dev.linden.observability.security.SecurityEvent;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the CLDAP listener's rate-limit drops into security events without flooding the security
 * log itself: at most one event per source address a minute (and one a minute for the global cap),
 * each counting the datagrams dropped since the last. A flood from a forged source names the
 * victim of a reflection attempt; a flood from many sources shows as global events.
 */
final class DropReports {
    static final long INTERVAL_NANOS = 60_000_000_000L;
    private static final int MAX_SOURCES = 4096;

    private final Consumer<SecurityEvent> events;
    private final Map<InetAddress, long[]> sources = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > MAX_SOURCES;
        }
    };
    private final long[] global = {Long.MIN_VALUE, 0};

    DropReports(Consumer<SecurityEvent> events) {
        this.events = events;
    }

    /** A datagram from {@code source} was dropped by the source's bucket ({@code globalCap} false) or the global one. */
    void dropped(InetAddress source, boolean globalCap, long nowNanos) {
        SecurityEvent event = null;
        synchronized (this) {
            long[] state = globalCap ? global : sources.computeIfAbsent(source, s -> new long[] {Long.MIN_VALUE, 0});
            state[1]++;
            if (state[0] == Long.MIN_VALUE || nowNanos - state[0] >= INTERVAL_NANOS) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put(globalCap ? "last_source" : "source", source.getHostAddress());
                details.put("dropped", state[1]);
                details.put("window_seconds", INTERVAL_NANOS / 1_000_000_000L);
                event = new SecurityEvent(
                        globalCap ? "cldap_global_rate_limited" : "cldap_rate_limited",
                        SecurityEvent.Severity.WARNING,
                        details);
                state[0] = nowNanos;
                state[1] = 0;
            }
        }
        if (event != null) {
            events.accept(event); // outside the lock: the log only queues it
        }
    }
}
