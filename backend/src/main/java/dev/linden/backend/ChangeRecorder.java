package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnClock;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncSyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What every change does besides itself, inside its own write transaction: a CSN from this server's
 * clock (so CSN order is commit order), written as the entry's entryCSN, and a changelog record; and
 * a little retention. Runs on the store's single writer, in the transaction that commits the change.
 */
final class ChangeRecorder {
    private static final int TRIM_PER_WRITE = 16;

    private final CsnClock clock;
    private final Changelog log;
    private final ChangelogSettings settings;
    private final AttributeType entryUuid;
    private final AttributeType entryCsn;
    private final Tombstones tombstones;

    ChangeRecorder(Schema schema, Changelog log, ChangelogSettings settings, Tombstones tombstones) {
        this.log = log;
        this.tombstones = tombstones;
        this.settings = settings;
        this.clock = new CsnClock(settings.serverId(), settings.clock());
        this.entryUuid = schema.attributeType("entryUUID");
        this.entryCsn = schema.attributeType("entryCSN");
    }

    /** After a restart: never issue a CSN below one the store holds, whatever the wall clock says. */
    void resume(CsnVector context) {
        context.csns().forEach(clock::observe);
    }

    /** Gives an entry about to be stored a new CSN, and an entryUUID when it has none. */
    Csn stamp(Entry entry) {
        Csn csn = clock.next();
        entry.put(entryCsn, csn.toString());
        if (entry.get(entryUuid) == null) {
            entry.put(entryUuid, UUID.randomUUID().toString());
        }
        return csn;
    }

    /**
     * Before an offline import encodes an entry: it keeps the entryCSN it came with (as slapadd does),
     * or gets one. No record is written for it, so the horizon moves past it ({@link #imported}): a
     * consumer whose cookie predates it is refreshed in full.
     */
    Csn prepareImport(Entry entry) {
        Csn csn = csnOf(entry);
        if (csn == null) {
            return stamp(entry);
        }
        clock.observe(csn);
        if (entry.get(entryUuid) == null) {
            entry.put(entryUuid, UUID.randomUUID().toString());
        }
        return csn;
    }

    /**
     * In the import's transaction: the contextCSN, the horizon and what is known held move past the
     * imported entries' newest CSN of each server ID (an export is one consistent snapshot: it holds
     * every change up to it).
     */
    void imported(BackendTx tx, CsnVector newest) {
        for (Csn csn : newest.csns()) {
            log.advance(tx, csn);
            log.forget(tx, csn);
        }
        log.learn(tx, newest);
    }

    /**
     * The CSN a replicated entry brings (its entryCSN, or null when it has none that parses); the clock
     * moves past it, so a change made here later is newer than everything received.
     */
    Csn received(Entry entry) {
        Csn csn = csnOf(entry);
        if (csn != null) {
            clock.observe(csn);
        }
        return csn;
    }

    /** A new CSN of this server, for a replicated delete that came without one of its own. */
    Csn next() {
        return clock.next();
    }

    /** Records a replicated change under its own CSN (so this server can pass it on to consumers of its own). */
    void replicated(BackendTx tx, Csn csn, ChangeKind kind, Entry before, Entry after, String previousDn) {
        List<String> names = new ArrayList<>();
        if (kind == ChangeKind.DELETE) {
            tombstones.add(tx, uuidString(before), csn);
        } else if (kind == ChangeKind.ADD) {
            for (Attribute a : after.attributes()) {
                names.add(a.description().key());
            }
        } else if (kind != ChangeKind.DELETE) {
            names = changed(before, after);
        }
        record(tx, csn, kind, kind == ChangeKind.DELETE ? before : after, previousDn, names);
    }

    void added(BackendTx tx, Csn csn, Entry entry) {
        List<String> names = new ArrayList<>();
        for (Attribute a : entry.attributes()) {
            names.add(a.description().key());
        }
        record(tx, csn, ChangeKind.ADD, entry, null, names);
    }

    void modified(BackendTx tx, Csn csn, Entry before, Entry after) {
        record(tx, csn, ChangeKind.MODIFY, after, null, changed(before, after));
    }

    void renamed(BackendTx tx, Csn csn, Dn previous, Entry before, Entry after) {
        record(tx, csn, ChangeKind.RENAME, after, previous.toString(), changed(before, after));
    }

    /** A delete made here: its record, and a tombstone so that changes to the entry made elsewhere meanwhile stay out. */
    void deleted(BackendTx tx, Entry entry) {
        Csn csn = clock.next();
        tombstones.add(tx, uuidString(entry), csn);
        record(tx, csn, ChangeKind.DELETE, entry, null, List.of());
    }

    /** A delete received for an entry that is not here (a concurrent add may still be on its way). */
    void deletedElsewhere(BackendTx tx, String uuid, Csn csn) {
        tombstones.add(tx, uuid, csn);
    }

    /** When the entry with this entryUUID was deleted, or null. */
    Csn deletedAt(BackendTx tx, String uuid) {
        return tombstones.deletedAt(tx, uuid);
    }

    private void record(BackendTx tx, Csn csn, ChangeKind kind, Entry entry, String previousDn, List<String> names) {
        log.append(tx, csn, kind, uuid(entry), entry.dn().toString(), previousDn, names);
        long oldest = (System.currentTimeMillis() - settings.maxAgeSeconds() * 1000L) * 1000L;
        log.trim(tx, settings.maxChanges(), oldest, TRIM_PER_WRITE);
        if (oldest > 0) {
            tombstones.expire(tx, Csn.of(oldest, 0, 0, 0));
        }
    }

    /** The descriptions whose values differ; values kept apart compare by what was added and removed. */
    private static List<String> changed(Entry before, Entry after) {
        Set<String> names = new LinkedHashSet<>();
        for (Attribute a : after.attributes()) {
            Attribute b = before.get(a.description());
            if (b == null || differs(a, b)) {
                names.add(a.description().key());
            }
        }
        for (Attribute b : before.attributes()) {
            if (after.get(b.description()) == null) {
                names.add(b.description().key());
            }
        }
        return List.copyOf(names);
    }

    private static boolean differs(Attribute a, Attribute b) {
        if (a.isStored() || b.isStored()) {
            return a.store() != b.store()
                    || !a.added().isEmpty()
                    || !a.removedNormalized().isEmpty();
        }
        if (a.size() != b.size()) {
            return true;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.values().get(i), b.values().get(i))) {
                return true;
            }
        }
        return false;
    }

    private Csn csnOf(Entry entry) {
        Attribute a = entry.get(entryCsn);
        if (a == null || a.isEmpty()) {
            return null;
        }
        try {
            return Csn.parse(new String(a.values().get(0), StandardCharsets.US_ASCII));
        } catch (SyncSyntaxException e) {
            return null; // not OpenLDAP's form (an old Linden export): a new one is given
        }
    }

    private String uuidString(Entry entry) {
        return new String(entry.get(entryUuid).values().get(0), StandardCharsets.US_ASCII);
    }

    /** The entry's entryUUID as its 16 bytes (the form the Sync State control carries). */
    byte[] uuid(Entry entry) {
        Attribute a = entry.get(entryUuid);
        UUID u = UUID.fromString(new String(a.values().get(0), StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }
}
