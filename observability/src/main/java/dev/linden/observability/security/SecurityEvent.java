package dev.linden.observability.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of the security event log: what happened ({@code event}), how serious it is, and its
 * details in order (strings, numbers, booleans). Never a password or other secret value.
 */
public record SecurityEvent(String event, Severity severity, Map<String, Object> details) {
    public enum Severity {
        INFO,
        NOTICE,
        WARNING
    }

    public SecurityEvent {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static Builder of(String event, Severity severity) {
        return new Builder(event, severity);
    }

    static final class Builder {
        private final String event;
        private final Severity severity;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(String event, Severity severity) {
            this.event = event;
            this.severity = severity;
        }

        Builder with(String key, Object value) {
            if (value != null) {
                details.put(key, value);
            }
            return this;
        }

        SecurityEvent build() {
            return new SecurityEvent(event, severity, details);
        }
    }
}
