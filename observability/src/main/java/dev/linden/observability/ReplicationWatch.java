package dev.linden.observability;

import dev.linden.observability.security.SecurityEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Raises a security event when a replication source starts needing attention (it stopped, or fell
 * behind) and another when it recovers: once per episode, checked on the observability tick.
 */
final class ReplicationWatch {
    private final Consumer<SecurityEvent> events;
    private final Map<Integer, String> alerted = new HashMap<>();

    ReplicationWatch(Consumer<SecurityEvent> events) {
        this.events = events;
    }

    private static SecurityEvent event(
            String name, SecurityEvent.Severity severity, ReplicationSource s, String summary) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("rid", (long) s.rid());
        details.put("provider", s.provider());
        details.put("state", s.state());
        if (summary != null) {
            details.put("summary", summary);
        }
        return new SecurityEvent(name, severity, details);
    }

    void check(List<ReplicationSource> sources) {
        for (ReplicationSource s : sources) {
            String before = alerted.get(s.rid());
            if (s.alert() != null && before == null) {
                alerted.put(s.rid(), s.alert());
                events.accept(event("replication_stalled", SecurityEvent.Severity.WARNING, s, s.alert()));
            } else if (s.alert() == null && before != null) {
                alerted.remove(s.rid());
                events.accept(event("replication_resumed", SecurityEvent.Severity.INFO, s, null));
            }
        }
    }
}
