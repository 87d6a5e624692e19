package dev.linden.protocol.sync;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Sync Info {@code syncIdSet}: many entries named at once by their entryUUIDs, instead of one empty
 * SearchResultEntry each. slapd sends the present list in sets of 256 and each deletion from its
 * session log as a set of one, with a cookie ending {@code ,delcsn=<csn>}.
 *
 * @param cookie the state once this set is applied, or null
 * @param refreshDeletes false (the default): these entries are present (unchanged and still in the
 *     content); true: these entries were deleted from the content
 * @param syncUuids the entries' entryUUIDs, in the order sent (the SET has no order; duplicates are
 *     kept as sent); may be empty
 */
public record SyncIdSet(byte[] cookie, boolean refreshDeletes, List<UUID> syncUuids) implements SyncInfo {
    public SyncIdSet {
        syncUuids = List.copyOf(syncUuids);
    }

    @Override
    public byte[] encodeValue() {
        BerWriter w =
                new BerWriter(32 + 18 * syncUuids.size() + (cookie == null ? 0 : cookie.length)).begin(SYNC_ID_SET);
        SyncBer.writeCookie(w, cookie);
        SyncBer.writeUnlessDefault(w, refreshDeletes, false);
        w.begin(BerTags.SET);
        for (UUID uuid : syncUuids) {
            SyncBer.writeUuid(w, uuid);
        }
        return w.end().end().toByteArray();
    }

    /** Reads the contents of the [3] SEQUENCE; every UUID is checked to be 16 bytes. */
    static SyncIdSet decodeContents(BerReader r) throws BerException {
        byte[] cookie = SyncBer.optionalCookie(r);
        boolean refreshDeletes = SyncBer.optionalBoolean(r, false);
        BerReader set = r.readSequence(BerTags.SET);
        r.expectEnd("the syncIdSet");
        List<UUID> uuids = new ArrayList<>();
        while (set.hasMore()) {
            uuids.add(SyncBer.readUuid(set));
        }
        return new SyncIdSet(cookie, refreshDeletes, uuids);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncIdSet s
                && SyncBer.sameCookie(cookie, s.cookie)
                && refreshDeletes == s.refreshDeletes
                && syncUuids.equals(s.syncUuids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(SyncBer.cookieHash(cookie), refreshDeletes, syncUuids);
    }

    @Override
    public String toString() {
        return "SyncIdSet[cookie=" + SyncBer.show(cookie) + ", refreshDeletes=" + refreshDeletes + ", "
                + syncUuids.size() + " UUIDs]";
    }
}
