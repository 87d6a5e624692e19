package dev.linden.observability.security;

import dev.linden.observability.DetectionSettings.Action;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is throttled or blocked right now, and until when: client addresses ("address:" key),
 * identities ("identity:" and a normalised DN, for everything done as them) and accounts ("account:",
 * for binds naming them). While nobody is, checking costs one volatile read.
 */
public final class Offenders {
    /** A penalty on one offender. */
    public record Penalty(Action action, long untilMillis, String detection) {}

    private final Map<String, Penalty> penalties = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder delayed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();
    private final int max;
    private volatile boolean any;

    Offenders(int max) {
        this.max = max;
    }

    /** Whether anybody is penalised (possibly with expired penalties not yet swept). */
    public boolean any() {
        return any;
    }

    /** The penalty on this key in force at {@code now}, or null. */
    public Penalty find(String key, long now) {
        Penalty p = penalties.get(key);
        if (p == null) {
            return null;
        }
        if (p.untilMillis() <= now) {
            penalties.remove(key, p);
            return null;
        }
        return p;
    }

    void punish(String key, Action action, long until, String detection, long now) {
        if (action == Action.NONE) {
            return;
        }
        if (penalties.size() >= max) {
            expire(now);
            if (penalties.size() >= max) {
                return; // full of live penalties: the offender is still logged and counted
            }
        }
        penalties.merge(
                key,
                new Penalty(action, until, detection),
                (old, added) ->
                        old.untilMillis() > added.untilMillis() && old.action().compareTo(added.action()) >= 0
                                ? old
                                : added);
        any = true;
    }

    void expire(long now) {
        penalties.values().removeIf(p -> p.untilMillis() <= now);
        any = !penalties.isEmpty();
    }

    void delayed() {
        delayed.increment();
    }

    void refused() {
        refused.increment();
    }

    /** Operations of offenders that waited before they ran. */
    public long delayedOperations() {
        return delayed.sum();
    }

    /** Operations of offenders refused (blocked, or busy because too many were waiting). */
    public long refusedOperations() {
        return refused.sum();
    }

    /** Offenders under this action right now. */
    public int count(Action action, long now) {
        int n = 0;
        for (Penalty p : penalties.values()) {
            if (p.action() == action && p.untilMillis() > now) {
                n++;
            }
        }
        return n;
    }
}
