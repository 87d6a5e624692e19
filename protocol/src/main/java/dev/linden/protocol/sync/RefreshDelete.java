package dev.linden.protocol.sync;

import dev.linden.protocol.ber.BerWriter;
import java.util.Objects;

/**
 * Sync Info {@code refreshDelete}: a delete phase is over; the entries that left the content since
 * the cookie were sent (state delete, or in a syncIdSet with refreshDeletes true), and the consumer
 * keeps every entry it was not told about. With refreshDone true (the default) the refresh is
 * complete and, in refreshAndPersist, the persist phase begins; false means more of the refresh follows.
 *
 * @param cookie the state once this phase is applied, or null
 * @param refreshDone whether the refresh is complete (DEFAULT TRUE)
 */
public record RefreshDelete(byte[] cookie, boolean refreshDone) implements SyncInfo {
    @Override
    public byte[] encodeValue() {
        BerWriter w = new BerWriter(16 + (cookie == null ? 0 : cookie.length)).begin(REFRESH_DELETE);
        SyncBer.writeCookie(w, cookie);
        SyncBer.writeUnlessDefault(w, refreshDone, true);
        return w.end().toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefreshDelete r && SyncBer.sameCookie(cookie, r.cookie) && refreshDone == r.refreshDone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(SyncBer.cookieHash(cookie), refreshDone);
    }

    @Override
    public String toString() {
        return "RefreshDelete[cookie=" + SyncBer.show(cookie) + ", refreshDone=" + refreshDone + "]";
    }
}
