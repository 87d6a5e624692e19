package dev.linden.model.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Issues the CSNs of one server ID as a hybrid logical clock: each {@link #next()} is strictly greater
 * than every CSN this clock issued or {@link #observe observed}, whatever the wall clock does.
 *
 * <p>The time part is the wall clock when it has moved past the last time used, else the last time
 * again with the count one higher (when the 24-bit count is exhausted, the time moves on by one
 * microsecond and the count starts again at 0). So a wall clock that steps backwards (NTP, a VM
 * restored) never makes CSNs go backwards, and a burst of changes in one microsecond still gets
 * distinct, ordered CSNs. slapd instead writes the current time with a rising count, which can go
 * backwards with the clock; consumers drop changes whose CSN is not above what they hold, so Linden
 * must not.
 *
 * <p>{@link #observe} moves the clock past a CSN from another server (a replicated change), so a
 * server whose wall clock lags its peers still issues CSNs above the ones it has applied. A peer
 * whose clock runs far ahead drags this clock with it; {@link #aheadOfWallClock()} shows by how much.
 *
 * <p>Thread-safe: one lock around a few arithmetic steps. The state is not persisted; after a
 * restart, observe the highest CSN of this server ID found in the store (its contextCSN) before
 * issuing, so a wall clock set back across the restart cannot issue a lower CSN.
 */
public final class CsnClock {
    private final int sid;
    private final LongSupplier wallMicros;
    private boolean started;
    private long lastMicros;
    private int lastCount;

    /** A clock for server ID {@code sid} reading the time from {@code clock}. */
    public CsnClock(int sid, Clock clock) {
        this(sid, () -> micros(clock.instant()));
    }

    /** A clock for server ID {@code sid} reading microseconds since the epoch from {@code wallMicros}. */
    public CsnClock(int sid, LongSupplier wallMicros) {
        if (sid < 0 || sid > Csn.MAX_SID) {
            throw new IllegalArgumentException("server ID " + sid + " is outside 0-" + Csn.MAX_SID);
        }
        this.sid = sid;
        this.wallMicros = wallMicros;
    }

    /** The system clock in UTC, to the microsecond where the platform gives it. */
    public static CsnClock system(int sid) {
        return new CsnClock(sid, Clock.systemUTC());
    }

    public int sid() {
        return sid;
    }

    /**
     * A new CSN of this server ID (mod 0), greater than every CSN issued or observed so far.
     *
     * @throws IllegalStateException past the year 9999, which four digits of year cannot write
     */
    public synchronized Csn next() {
        long now = wallMicros.getAsLong();
        if (!started || now > lastMicros) {
            lastMicros = now;
            lastCount = 0;
            started = true;
        } else if (lastCount < Csn.MAX_COUNT) {
            lastCount++;
        } else {
            lastMicros++;
            lastCount = 0;
        }
        if (lastMicros > Csn.MAX_MICROS || lastMicros < Csn.MIN_MICROS) {
            throw new IllegalStateException("the CSN clock is at " + lastMicros + " µs, outside the years 0000-9999");
        }
        return new Csn(lastMicros, lastCount, sid, 0);
    }

    /**
     * Records a CSN seen from elsewhere, so every later {@link #next()} is greater than it. A CSN
     * below what this clock has reached changes nothing.
     */
    public synchronized void observe(Csn seen) {
        if (!started
                || seen.epochMicros() > lastMicros
                || (seen.epochMicros() == lastMicros && seen.count() > lastCount)) {
            lastMicros = seen.epochMicros();
            lastCount = seen.count();
            started = true;
        }
    }

    /**
     * How many microseconds the clock's time is ahead of the wall clock (0 when it is not): the
     * drift a peer's fast clock or a backwards step has caused, for monitoring.
     */
    public synchronized long aheadOfWallClock() {
        return started ? Math.max(0, lastMicros - wallMicros.getAsLong()) : 0;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
