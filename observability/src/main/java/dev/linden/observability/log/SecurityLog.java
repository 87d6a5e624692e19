package dev.linden.observability.log;

import dev.linden.observability.LogSettings;
import dev.linden.observability.security.SecurityEvent;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The security event log, a stream of its own beside the access log: failed binds with their
 * reason, lockouts, probes for secrets, and detections (password spraying, brute force,
 * enumeration) with the action taken. JSON lines by default, for a SIEM; lines for people.
 */
public final class SecurityLog implements Consumer<SecurityEvent>, AutoCloseable {
    private final LogStream stream;
    private final LogSettings.Format format;

    public SecurityLog(LogStream stream) {
        this.stream = stream;
        this.format = stream.settings().format();
    }

    @Override
    public void accept(SecurityEvent e) {
        Fields f = Fields.of(format, new StringBuilder(160));
        if (format == LogSettings.Format.JSON) {
            f.str("event", e.event());
        } else {
            f.verb(e.event().toUpperCase(Locale.ROOT), e.event());
        }
        f.word("severity", e.severity().name().toLowerCase(Locale.ROOT));
        for (Map.Entry<String, Object> d : e.details().entrySet()) {
            switch (d.getValue()) {
                case Long n -> f.num(d.getKey(), n);
                case Integer n -> f.num(d.getKey(), n);
                case Boolean b -> f.bool(d.getKey(), b);
                default -> f.str(d.getKey(), String.valueOf(d.getValue()));
            }
        }
        stream.write(f.sb.toString());
    }

    public LogStream stream() {
        return stream;
    }

    @Override
    public void close() {
        stream.close();
    }
}
