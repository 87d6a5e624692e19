package dev.linden.observability;

import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of operations, binds and entries since start, kept whatever else is configured: cn=monitor
 * reads them, and the Prometheus metrics are exposed from them (so each operation updates one
 * striped counter, not two). Updating is contention-free ({@link LongAdder}); reading sums.
 */
public final class OperationStats implements OperationObserver {
    private static final ResultCode[] CODES = ResultCode.values();
    /** index of "no response" (abandoned) in the per-result counters */
    private static final int NO_RESPONSE = CODES.length;

    private static final int SAMPLES = 61;

    private final OperationKind[] kinds = OperationKind.all();
    private final LongAdder[] initiated = new LongAdder[kinds.length];
    private final LongAdder[][] completed = new LongAdder[kinds.length][CODES.length + 1];
    private final LongAdder entries = new LongAdder();
    private final Map<String, LongAdder[]> binds = new ConcurrentHashMap<>(); // method -> {success, failure}
    private final Map<BindFailure, LongAdder> bindFailures = new EnumMap<>(BindFailure.class);
    private final LongAdder lockouts = new LongAdder();
    private final long[] totals = new long[SAMPLES]; // completed operations, sampled once a second
    private int sample;
    private volatile long lastMinute;

    public OperationStats() {
        for (int k = 0; k < kinds.length; k++) {
            initiated[k] = new LongAdder();
            for (int r = 0; r <= CODES.length; r++) {
                completed[k][r] = new LongAdder();
            }
        }
        for (BindFailure f : BindFailure.values()) {
            bindFailures.put(f, new LongAdder());
        }
    }

    public void started(OperationKind kind) {
        initiated[kind.ordinal()].increment();
    }

    /** An operation counted as started that will start again elsewhere (see {@link dev.linden.core.RunOnWorker}). */
    public void withdrawn(OperationKind kind) {
        initiated[kind.ordinal()].decrement();
    }

    @Override
    public void completed(OperationRecord record) {
        LdapResult result = record.result();
        completed(record.kind(), result == null ? null : result.code());
        if (record.entries() > 0) {
            entries.add(record.entries());
        }
        BindOutcome bind = record.bind();
        if (bind != null && (bind.success() || bind.failure() != null)) {
            binds
                    .computeIfAbsent(bind.method(), m -> new LongAdder[] {new LongAdder(), new LongAdder()})[
                    bind.success() ? 0 : 1]
                    .increment();
            if (bind.failure() != null) {
                bindFailures.get(bind.failure()).increment();
            }
            if (bind.lockout()) {
                lockouts.increment();
            }
        }
    }

    /** An operation finished with this result (null: no response was sent). */
    public void completed(OperationKind kind, ResultCode code) {
        completed[kind.ordinal()][code == null ? NO_RESPONSE : code.ordinal()].increment();
    }

    public long initiated(OperationKind kind) {
        return initiated[kind.ordinal()].sum();
    }

    public long completed(OperationKind kind) {
        long n = 0;
        for (LongAdder a : completed[kind.ordinal()]) {
            n += a.sum();
        }
        return n;
    }

    /** Operations of this kind that ended with this result (null: without a response). */
    public long count(OperationKind kind, ResultCode code) {
        return completed[kind.ordinal()][code == null ? NO_RESPONSE : code.ordinal()].sum();
    }

    public long completedTotal() {
        long n = 0;
        for (OperationKind k : kinds) {
            n += completed(k);
        }
        return n;
    }

    public long entriesReturned() {
        return entries.sum();
    }

    /** Binds by method: {successes, failures}. */
    public Map<String, long[]> binds() {
        Map<String, long[]> out = new java.util.TreeMap<>();
        binds.forEach((m, a) -> out.put(m, new long[] {a[0].sum(), a[1].sum()}));
        return out;
    }

    public long bindFailures(BindFailure reason) {
        return bindFailures.get(reason).sum();
    }

    public long bindFailuresTotal() {
        long n = 0;
        for (LongAdder a : bindFailures.values()) {
            n += a.sum();
        }
        return n;
    }

    public long lockouts() {
        return lockouts.sum();
    }

    /** Called once a second: keeps a minute of totals for {@link #lastMinute()}. */
    public synchronized void tick() {
        long total = completedTotal();
        totals[sample % SAMPLES] = total;
        // in the first minute, everything since start is within the last minute
        lastMinute = sample < SAMPLES - 1 ? total : total - totals[(sample + 1) % SAMPLES];
        sample++;
    }

    /** Operations completed in the last minute (as of the last tick). */
    public long lastMinute() {
        return lastMinute;
    }
}
