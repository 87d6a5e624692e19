package dev.linden.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latencies of one client thread: a count per microsecond up to 100 ms (exact percentiles, 800 KB
 * a thread, no allocation per operation), longer ones in one overflow count with the longest kept;
 * failures by name; and when each operation ended, in 100 ms steps, for the rate over time.
 * Not thread-safe: one per thread, merged at the end.
 */
final class Latencies {
    private static final int LIMIT_US = 100_000;
    private static final long STEP_NANOS = 100_000_000L;

    private final long[] counts = new long[LIMIT_US + 1];
    private final Map<String, Long> errors = new TreeMap<>();
    private long[] perStep = new long[64];
    private long slowest;
    private long begin;

    void start(long beginNanos) {
        begin = beginNanos;
    }

    void record(long endNanos, long micros) {
        counts[(int) Math.min(micros, LIMIT_US)]++;
        slowest = Math.max(slowest, micros);
        int step = (int) Math.max(0, (endNanos - begin) / STEP_NANOS);
        if (step >= perStep.length) {
            perStep = java.util.Arrays.copyOf(perStep, Math.max(step + 1, 2 * perStep.length));
        }
        perStep[step]++;
    }

    void failed(String name) {
        errors.merge(name, 1L, Long::sum);
    }

    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    long errors() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> errorNames() {
        return errors;
    }

    /** The latency in microseconds that this fraction of the operations did not exceed (the slowest past 100 ms). */
    long percentile(double fraction) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * n);
        long seen = 0;
        for (int us = 0; us < LIMIT_US; us++) {
            seen += counts[us];
            if (seen >= rank) {
                return us;
            }
        }
        return slowest;
    }

    /** Operations per second in each window of {@code window} nanoseconds of the measured time, comma-separated. */
    String series(long window, long elapsed) {
        List<String> rates = new ArrayList<>();
        long stepsPerWindow = Math.max(1, window / STEP_NANOS);
        for (long from = 0;
                (from + stepsPerWindow) * STEP_NANOS <= elapsed;
                from += stepsPerWindow) { // whole windows only
            long n = 0;
            for (long s = from; s < from + stepsPerWindow && s < perStep.length; s++) {
                n += perStep[(int) s];
            }
            rates.add(String.valueOf(Math.round(n / (stepsPerWindow * STEP_NANOS / 1e9))));
        }
        return String.join(",", rates);
    }

    static Latencies merge(List<Latencies> all) {
        Latencies m = new Latencies();
        for (Latencies l : all) {
            for (int i = 0; i <= LIMIT_US; i++) {
                m.counts[i] += l.counts[i];
            }
            l.errors.forEach((k, v) -> m.errors.merge(k, v, Long::sum));
            m.slowest = Math.max(m.slowest, l.slowest);
            if (l.perStep.length > m.perStep.length) {
                m.perStep = java.util.Arrays.copyOf(m.perStep, l.perStep.length);
            }
            for (int i = 0; i < l.perStep.length; i++) {
                m.perStep[i] += l.perStep[i];
            }
        }
        return m;
    }
}
