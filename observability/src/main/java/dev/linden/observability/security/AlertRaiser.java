package dev.linden.observability.security;

import dev.linden.core.Session;
import dev.linden.core.acl.AddressRange;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.GeneralizedTimes;
import dev.linden.observability.security.SecurityEvent.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Where the detections report: writes security events (and counts them by kind), raises an alert
 * once per detection and offender while it is active, and puts the offender under the detection's
 * action unless it is exempt. One place, so every detection's alert reads alike.
 */
final class AlertRaiser {
    private final Consumer<SecurityEvent> log;
    private final Alerts alerts = new Alerts(10_000);
    private final Offenders offenders;
    private final Set<String> exemptIdentities;
    private final List<AddressRange> exemptAddresses;
    private final Map<String, LongAdder> events = new LinkedHashMap<>();
    private final Map<String, LongAdder> detections = new LinkedHashMap<>();

    AlertRaiser(
            Consumer<SecurityEvent> log,
            Offenders offenders,
            Set<String> exemptIdentities,
            List<AddressRange> exemptAddresses) {
        this.log = log;
        this.offenders = offenders;
        this.exemptIdentities = exemptIdentities;
        this.exemptAddresses = exemptAddresses;
        Detector.EVENTS.forEach(e -> events.put(e, new LongAdder()));
        Detector.DETECTIONS.forEach(d -> detections.put(d, new LongAdder()));
    }

    /** What a detection saw: who, what it is to do about it, and the figures that made it fire. */
    record Finding(
            String detection,
            String offenderKey,
            String offender,
            Action action,
            int actionSeconds,
            int windowSeconds,
            String summary,
            Map<String, Object> details) {}

    void event(SecurityEvent e) {
        events.get(e.event()).increment();
        log.accept(e);
    }

    /** Raises a detection's alert (once while it is active) and puts the offender under its action (none if exempt). */
    void fire(Finding f, Session session, long now) {
        if (alerts.isActive(f.detection(), f.offenderKey(), now)) {
            return;
        }
        boolean exempt = isExempt(f.offenderKey(), session);
        Action action = exempt ? Action.NONE : f.action();
        long until = now + 1000L * (action == Action.NONE ? f.windowSeconds() : f.actionSeconds());
        Alert alert = alerts.raise(f.detection(), f.offenderKey(), f.offender(), now, until, action, f.summary());
        if (alert == null) {
            return;
        }
        offenders.punish(f.offenderKey(), action, until, f.detection(), now);
        detections.get(f.detection()).increment();
        SecurityEvent.Builder e = SecurityEvent.of("alert", Severity.WARNING)
                .with("detection", f.detection())
                .with("alert", alert.id())
                .with("offender", f.offender());
        f.details().forEach(e::with);
        e.with("windowSeconds", (long) f.windowSeconds())
                .with("action", action.name().toLowerCase(Locale.ROOT))
                .with("until", GeneralizedTimes.format(until))
                .with("exempt", exempt ? true : null)
                .with("client", session.clientAddress())
                .with("conn", session.id())
                .with("summary", f.summary());
        event(e.build());
    }

    private boolean isExempt(String offenderKey, Session session) {
        if (offenderKey.startsWith("identity:") || offenderKey.startsWith("account:")) {
            if (exemptIdentities.contains(offenderKey.substring(offenderKey.indexOf(':') + 1))) {
                return true;
            }
        }
        return isExemptAddress(session.clientHost());
    }

    boolean isExemptAddress(String host) {
        for (AddressRange range : exemptAddresses) {
            if (range.contains(host)) {
                return true;
            }
        }
        return false;
    }

    /** Ends alerts whose time is up, with an event each. */
    void expire(long now) {
        for (Alert a : alerts.expire(now)) {
            event(SecurityEvent.of("alert_ended", Severity.INFO)
                    .with("detection", a.detection())
                    .with("alert", a.id())
                    .with("offender", a.offender())
                    .build());
        }
    }

    List<Alert> active(long now) {
        return alerts.active(now);
    }

    long events(String event) {
        return events.get(event).sum();
    }

    long detections(String detection) {
        return detections.get(detection).sum();
    }
}
