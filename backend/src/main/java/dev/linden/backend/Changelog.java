package dev.linden.backend;

import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncSyntaxException;
import dev.linden.storage.Cursor;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The durable record of committed changes, written in the transaction of each change, so it never
 * lags or leads the data. Records are keyed by this server's commit sequence number (commit order,
 * whatever the CSNs: a replicated change may carry an older CSN than one made here before it), and
 * indexed by server ID and CSN, so the changes a consumer's cookie has not seen are found without
 * reading the others. Deletes stay as records (tombstones: entryUUID and DN) until retention drops
 * them.
 *
 * <p>Beside the records, in the meta tree: the contextCSN (the newest CSN committed per server ID),
 * the horizon (per server ID, the newest CSN whose record retention dropped, or that an offline
 * import brought without records): a cookie at or past the horizon for every server ID can be
 * brought up to date from the records alone; and what this server holds for sure of other servers'
 * changes ({@link #known}).
 */
final class Changelog {
    private static final byte[] NEXT_SEQ = ascii("changelog.nextSeq");
    private static final byte[] CONTEXT_CSN = ascii("contextCSN");
    private static final byte[] HORIZON = ascii("changelog.horizon");
    private static final byte[] KNOWN = ascii("knownCSN");

    private final Tree records;
    private final Tree byCsn;
    private final Tree meta;

    Changelog(Storage storage) {
        this.records = storage.tree("changelog");
        this.byCsn = storage.tree("changelog.csn");
        this.meta = storage.tree("meta");
    }

    /** Appends a change; returns its sequence number. Advances the contextCSN of the CSN's server ID. */
    long append(
            BackendTx tx,
            Csn csn,
            ChangeKind kind,
            byte[] uuid,
            String dn,
            String previousDn,
            List<String> attributes) {
        byte[] next = tx.get(meta, NEXT_SEQ);
        long seq = next == null ? 1 : Ids.read(next, 0);
        tx.putLog(meta, NEXT_SEQ, Ids.bytes(seq + 1));
        tx.appendLog(
                records,
                Ids.bytes(seq),
                ChangeRecordCodec.encode(new ChangeRecord(seq, csn, kind, uuid, dn, previousDn, attributes)));
        tx.appendLog(byCsn, csnKey(csn), Ids.bytes(seq)); // in order but for older replicated changes
        advance(tx, csn);
        return seq;
    }

    /** Raises the contextCSN of the CSN's server ID to it, if it is newer (changes written without a record: import). */
    void advance(BackendTx tx, Csn csn) {
        CsnVector context = contextCsn(tx);
        Csn current = context.get(csn.sid()).orElse(null);
        if (current == null || current.compareTo(csn) < 0) {
            tx.putLog(meta, CONTEXT_CSN, ascii(format(context.with(csn))));
        }
    }

    /** The newest CSN committed per server ID. */
    CsnVector contextCsn(BackendTx tx) {
        return vector(tx.get(meta, CONTEXT_CSN));
    }

    /**
     * Per server ID, a CSN up to which this server holds every change of that server (or what came
     * of it): for its own ID its contextCSN, since its own changes commit in CSN order; for another
     * what it learned ({@link #learn}) from complete refreshes and from each provider's own changes,
     * which arrive in order. The contextCSN may claim more: another server's changes can arrive out
     * of order (a refresh applies entries in the order of its walk, a relay in its commit order), so
     * its newest CSN of a server ID does not say that every earlier one is here.
     */
    CsnVector known(BackendTx tx, int ownSid) {
        CsnVector known = vector(tx.get(meta, KNOWN));
        Csn own = contextCsn(tx).get(ownSid).orElse(null);
        return own == null ? known : known.merge(CsnVector.of(own));
    }

    /** Raises what {@link #known} tells to {@code csns}, where they are newer. */
    void learn(BackendTx tx, CsnVector csns) {
        if (csns.isEmpty()) {
            return;
        }
        CsnVector known = vector(tx.get(meta, KNOWN));
        CsnVector merged = known.merge(csns);
        if (!merged.equals(known)) {
            tx.putLog(meta, KNOWN, ascii(format(merged)));
        }
    }

    /** Per server ID, the newest CSN the records may no longer tell about. */
    CsnVector horizon(BackendTx tx) {
        return vector(tx.get(meta, HORIZON));
    }

    /** Moves the horizon of the CSN's server ID up to it (records dropped, or changes imported without records). */
    void forget(BackendTx tx, Csn csn) {
        CsnVector horizon = horizon(tx);
        Csn current = horizon.get(csn.sid()).orElse(null);
        if (current == null || current.compareTo(csn) < 0) {
            tx.putLog(meta, HORIZON, ascii(format(horizon.with(csn))));
        }
    }

    /** The sequence number of the newest record (0 when there is none). */
    long lastSeq(BackendTx tx) {
        byte[] next = tx.get(meta, NEXT_SEQ);
        return next == null ? 0 : Ids.read(next, 0) - 1;
    }

    /** Up to {@code max} records after sequence number {@code seq}, in commit order. */
    List<ChangeRecord> after(BackendTx tx, long seq, int max) {
        List<ChangeRecord> out = new ArrayList<>();
        try (Cursor c = tx.cursor(records, Ids.bytes(seq + 1))) {
            while (out.size() < max && c.next()) {
                out.add(ChangeRecordCodec.decode(Ids.read(c.key(), 0), c.value()));
            }
        }
        return out;
    }

    /**
     * Whether the records tell everything a consumer whose state is {@code cookie} has not seen: for
     * every server ID whose changes were dropped or imported without records, the cookie has seen up to
     * that point at least.
     */
    boolean covers(BackendTx tx, CsnVector cookie) {
        for (Map.Entry<Integer, Csn> h : horizon(tx).bySid().entrySet()) {
            Csn seen = cookie.get(h.getKey()).orElse(null);
            if (seen == null || seen.compareTo(h.getValue()) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sequence number after which the records a consumer at {@code cookie} has not seen start:
     * per server ID, the first record with a newer CSN than the cookie's (all of them for a server ID
     * the cookie does not name); the smallest of those, less one.
     */
    long unseenFrom(BackendTx tx, CsnVector cookie) {
        long first = Long.MAX_VALUE;
        for (int sid : sids(tx)) {
            Csn seen = cookie.get(sid).orElse(null);
            byte[] prefix = sidPrefix(sid);
            byte[] from = seen == null ? prefix : successor(csnKey(seen));
            try (Cursor c = tx.cursor(byCsn, from)) {
                if (c.next() && Dn2Id.startsWith(c.key(), prefix)) {
                    first = Math.min(first, Ids.read(c.value(), 0));
                }
            }
        }
        return first == Long.MAX_VALUE ? lastSeq(tx) : first - 1;
    }

    /** Whether a record is one a consumer at {@code cookie} has not seen. */
    static boolean unseen(ChangeRecord r, CsnVector cookie) {
        Csn seen = cookie.get(r.csn().sid()).orElse(null);
        return seen == null || r.csn().compareTo(seen) > 0;
    }

    /**
     * Drops the oldest records while there are more than {@code keep} of them or they are older than
     * {@code oldestMicros}, at most {@code max} in this transaction (retention runs a little with each
     * write, so no write pays for a big clean-up); moves the horizon past each dropped record.
     */
    int trim(BackendTx tx, long keep, long oldestMicros, int max) {
        long last = lastSeq(tx);
        List<ChangeRecord> dropped = new ArrayList<>();
        try (Cursor c = tx.cursor(records, Ids.bytes(0))) {
            while (dropped.size() < max && c.next()) {
                long seq = Ids.read(c.key(), 0);
                ChangeRecord r = ChangeRecordCodec.decode(seq, c.value());
                if (last - seq + 1 <= keep && r.csn().epochMicros() >= oldestMicros) {
                    break;
                }
                dropped.add(r);
            }
        }
        for (ChangeRecord r : dropped) {
            tx.deleteLog(records, Ids.bytes(r.seq()));
            tx.deleteLog(byCsn, csnKey(r.csn()));
            forget(tx, r.csn());
        }
        return dropped.size();
    }

    /** The server IDs with records: the first key of each server ID's range in the CSN index. */
    private List<Integer> sids(BackendTx tx) {
        List<Integer> sids = new ArrayList<>();
        byte[] from = new byte[0];
        while (true) {
            try (Cursor c = tx.cursor(byCsn, from)) {
                if (!c.next()) {
                    return sids;
                }
                int sid = Integer.parseInt(new String(c.key(), 0, 3, StandardCharsets.US_ASCII), 16);
                sids.add(sid);
                from = sidPrefix(sid + 1);
            }
        }
    }

    /** The CSN index key: the server ID (3 hex digits), then the CSN, so each server ID's CSNs are one range. */
    private static byte[] csnKey(Csn csn) {
        return ascii(String.format("%03x", csn.sid()) + csn);
    }

    private static byte[] sidPrefix(int sid) {
        return ascii(String.format("%03x", sid));
    }

    private static byte[] successor(byte[] key) {
        byte[] next = Arrays.copyOf(key, key.length + 1); // the smallest key after it
        return next;
    }

    private static String format(CsnVector v) {
        StringBuilder sb = new StringBuilder();
        for (Csn csn : v.csns()) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(csn);
        }
        return sb.toString();
    }

    private static CsnVector vector(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return CsnVector.EMPTY;
        }
        List<Csn> csns = new ArrayList<>();
        for (String s : new String(stored, StandardCharsets.US_ASCII).split(";")) {
            try {
                csns.add(Csn.parse(s));
            } catch (SyncSyntaxException e) {
                throw new IllegalStateException("the store's CSN state is damaged: " + e.getMessage(), e);
            }
        }
        return CsnVector.of(csns);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
