package dev.linden.server.replication;

import dev.linden.model.sync.Csn;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one consumer is doing, for cn=Monitor, the metrics and {@code linden status}: read from other
 * threads, written by the consumer's own.
 */
public final class ConsumerStatus {
    /** Where a consumer stands. */
    public enum State {
        CONNECTING,
        REFRESHING,
        PERSISTING,
        POLLING,
        WAITING_TO_RETRY,
        STOPPED
    }

    private final SyncSourceSettings source;
    private volatile State state = State.CONNECTING;
    private volatile long downSinceMillis = System.currentTimeMillis(); // 0 while synchronizing
    private volatile String lastError;
    private volatile Csn lastCsn;
    private volatile long lastChangeMillis;
    private volatile long lastDelayMillis;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    ConsumerStatus(SyncSourceSettings source) {
        this.source = source;
    }

    public SyncSourceSettings source() {
        return source;
    }

    public State state() {
        return state;
    }

    void state(State s) {
        boolean up = s == State.REFRESHING || s == State.PERSISTING || s == State.POLLING;
        if (up) {
            downSinceMillis = 0;
        } else if (downSinceMillis == 0) {
            downSinceMillis = System.currentTimeMillis(); // the first failure: retries do not restart the clock
        }
        state = s;
    }

    /** What monitoring shows of this source now. */
    public dev.linden.observability.ReplicationSource snapshot() {
        long now = System.currentTimeMillis();
        String alert = null;
        long down = downSinceMillis;
        if (down != 0 && now - down >= source.alertAfterSeconds() * 1000L) {
            alert = "no synchronization for " + (now - down) / 1000 + " s"
                    + (lastError == null ? "" : ": " + lastError);
        } else if (lastDelayMillis >= source.alertDelaySeconds() * 1000L) {
            alert = "changes arrive " + lastDelayMillis / 1000 + " s after they were made";
        }
        return new dev.linden.observability.ReplicationSource(
                source.rid(),
                source.provider().toString(),
                state.name().toLowerCase(java.util.Locale.ROOT),
                lastCsn == null ? null : lastCsn.toString(),
                lastChangeMillis,
                lastDelayMillis,
                changes.get(),
                reconnects.get(),
                bytes.get(),
                refreshes.get(),
                lastError,
                alert);
    }

    /** The last failure, or null. */
    public String lastError() {
        return lastError;
    }

    void failed(String error) {
        lastError = error;
        reconnects.incrementAndGet();
    }

    /** The newest CSN applied from the provider, or null before the first change. */
    public Csn lastCsn() {
        return lastCsn;
    }

    /** A change was applied: {@code delay} is how long after its CSN's time it arrived here. */
    void applied(Csn csn, int count, long nowMillis) {
        changes.addAndGet(count);
        if (csn != null && (lastCsn == null || csn.compareTo(lastCsn) > 0)) {
            lastCsn = csn;
            lastChangeMillis = nowMillis;
            lastDelayMillis = Math.max(0, nowMillis - csn.epochMicros() / 1000);
        }
    }

    void received(long moreBytes) {
        bytes.addAndGet(moreBytes);
    }

    void refreshed() {
        refreshes.incrementAndGet();
    }

    public long changes() {
        return changes.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long refreshes() {
        return refreshes.get();
    }

    /** When the newest change was applied (epoch milliseconds; 0: none yet). */
    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    /** How long after it was made the newest change arrived: the replication delay, in milliseconds. */
    public long lastDelayMillis() {
        return lastDelayMillis;
    }
}
