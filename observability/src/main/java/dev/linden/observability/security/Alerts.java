package dev.linden.observability.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The active alerts, one per detection and offender, bounded in number. */
final class Alerts {
    private final Map<String, Alert> active = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final int max;

    Alerts(int max) {
        this.max = max;
    }

    /** Whether an alert for this detection and offender is active at {@code now}. */
    boolean isActive(String detection, String offenderKey, long now) {
        Alert a = active.get(detection + '|' + offenderKey);
        return a != null && a.untilMillis() > now;
    }

    /**
     * Records a new alert, unless one for this detection and offender is active already (then null):
     * of two threads crossing the threshold together, one raises it.
     */
    Alert raise(
            String detection,
            String offenderKey,
            String offender,
            long now,
            long until,
            dev.linden.observability.DetectionSettings.Action action,
            String summary) {
        if (active.size() >= max) {
            active.values().stream()
                    .min(Comparator.comparingLong(Alert::untilMillis))
                    .ifPresent(oldest -> active.values().remove(oldest));
        }
        Alert[] raised = new Alert[1];
        active.compute(detection + '|' + offenderKey, (k, old) -> {
            if (old != null && old.untilMillis() > now) {
                return old;
            }
            raised[0] = new Alert(ids.incrementAndGet(), detection, offender, now, until, action, summary);
            return raised[0];
        });
        return raised[0];
    }

    /** Removes and returns the alerts that ended by {@code now}. */
    List<Alert> expire(long now) {
        List<Alert> ended = new ArrayList<>();
        active.entrySet().removeIf(e -> {
            if (e.getValue().untilMillis() <= now) {
                ended.add(e.getValue());
                return true;
            }
            return false;
        });
        return ended;
    }

    /** The active alerts, oldest first. */
    List<Alert> active(long now) {
        List<Alert> list = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.untilMillis() > now) {
                list.add(a);
            }
        }
        list.sort(Comparator.comparingLong(Alert::id));
        return list;
    }
}
