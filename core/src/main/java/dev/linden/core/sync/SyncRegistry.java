package dev.linden.core.sync;

import dev.linden.model.sync.Csn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The content synchronizations this server is serving right now (its consumers), for cn=Monitor, the
 * metrics and {@code linden status}: who, from where, how far along.
 */
public final class SyncRegistry {
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();

    /** One synchronization being served; its fields are written by its own thread, read by monitoring. */
    public static final class Stream {
        private final long connection;
        private final String identity;
        private final String client;
        private final boolean persist;
        private final long startedMillis = System.currentTimeMillis();
        private final AtomicLong sent = new AtomicLong();
        private volatile boolean refreshing = true;
        private volatile long seq;
        private volatile Csn lastCsn;

        Stream(long connection, String identity, String client, boolean persist) {
            this.connection = connection;
            this.identity = identity;
            this.client = client;
            this.persist = persist;
        }

        void sent(int entries) {
            sent.addAndGet(entries);
        }

        void refreshed(long atSeq) {
            refreshing = false;
            seq = atSeq;
        }

        void at(long atSeq, Csn csn) {
            seq = atSeq;
            lastCsn = csn;
        }
    }

    /** What monitoring shows of one synchronization. */
    public record Snapshot(
            long connection,
            String identity,
            String client,
            String mode,
            String stage,
            long startedMillis,
            long sent,
            long lagChanges,
            String lastCsn) {}

    Stream open(long connection, String identity, String client, boolean persist) {
        Stream s = new Stream(connection, identity, client, persist);
        streams.add(s);
        return s;
    }

    void close(Stream s) {
        streams.remove(s);
    }

    /** Every synchronization served now; {@code lastSeq} is the changelog's newest record, for the lag. */
    public List<Snapshot> snapshot(long lastSeq) {
        List<Snapshot> out = new ArrayList<>();
        for (Stream s : streams) {
            out.add(new Snapshot(
                    s.connection,
                    s.identity,
                    s.client,
                    s.persist ? "refreshAndPersist" : "refreshOnly",
                    s.refreshing ? "refresh" : "persist",
                    s.startedMillis,
                    s.sent.get(),
                    s.refreshing ? -1 : Math.max(0, lastSeq - s.seq),
                    s.lastCsn == null ? null : s.lastCsn.toString()));
        }
        out.sort(java.util.Comparator.comparingLong(Snapshot::connection));
        return out;
    }
}
