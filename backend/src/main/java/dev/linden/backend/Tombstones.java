package dev.linden.backend;

import dev.linden.model.sync.Csn;
import dev.linden.model.sync.SyncSyntaxException;
import dev.linden.storage.Cursor;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entryUUIDs of deleted entries, with the CSN of their delete, for as long as the changelog keeps
 * changes: a change to an entry that arrives after its delete (made concurrently elsewhere) finds its
 * tombstone and is dropped, so nothing deleted comes back. Kept by entryUUID, and by CSN to expire.
 */
final class Tombstones {
    private static final int EXPIRE_PER_WRITE = 16;

    private final Tree byUuid;
    private final Tree byCsn;

    Tombstones(Storage storage) {
        this.byUuid = storage.tree("tombstones");
        this.byCsn = storage.tree("tombstones.csn");
    }

    void add(BackendTx tx, String uuid, Csn csn) {
        if (tx.get(byUuid, key(uuid)) == null) {
            tx.put(byUuid, key(uuid), key(csn.toString()));
            tx.put(byCsn, key(csn + uuid), new byte[] {1});
        }
    }

    /** When the entry with this entryUUID was deleted, or null if it was not (or so long ago that it is forgotten). */
    Csn deletedAt(BackendTx tx, String uuid) {
        byte[] v = tx.get(byUuid, key(uuid));
        try {
            return v == null ? null : Csn.parse(new String(v, StandardCharsets.US_ASCII));
        } catch (SyncSyntaxException e) {
            return Csn.of(0, 0, 0, 0);
        }
    }

    /** Forgets a few tombstones older than {@code before} (each write does a little of this). */
    void expire(BackendTx tx, Csn before) {
        List<byte[]> old = new ArrayList<>();
        try (Cursor c = tx.cursor(byCsn, new byte[0])) {
            while (old.size() < EXPIRE_PER_WRITE && c.next()) {
                byte[] k = c.key();
                if (new String(k, 0, Csn.LENGTH, StandardCharsets.US_ASCII).compareTo(before.toString()) >= 0) {
                    break;
                }
                old.add(k);
            }
        }
        for (byte[] k : old) {
            tx.delete(byCsn, k);
            tx.delete(byUuid, java.util.Arrays.copyOfRange(k, Csn.LENGTH, k.length));
        }
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
