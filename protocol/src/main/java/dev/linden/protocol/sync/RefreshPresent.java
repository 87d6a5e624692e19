package dev.linden.protocol.sync;

import dev.linden.protocol.ber.BerWriter;
import java.util.Objects;

/**
 * Sync Info {@code refreshPresent}: a present phase is over; every entry still in the content was
 * sent (add) or named present, and the consumer deletes the entries that were neither. With
 * refreshDone true (the default) the refresh is complete and, in refreshAndPersist, the persist phase
 * begins; false means a delete phase follows.
 *
 * @param cookie the state once this phase is applied, or null
 * @param refreshDone whether the refresh is complete (DEFAULT TRUE)
 */
public record RefreshPresent(byte[] cookie, boolean refreshDone) implements SyncInfo {
    @Override
    public byte[] encodeValue() {
        BerWriter w = new BerWriter(16 + (cookie == null ? 0 : cookie.length)).begin(REFRESH_PRESENT);
        SyncBer.writeCookie(w, cookie);
        SyncBer.writeUnlessDefault(w, refreshDone, true);
        return w.end().toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RefreshPresent r && SyncBer.sameCookie(cookie, r.cookie) && refreshDone == r.refreshDone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(SyncBer.cookieHash(cookie), refreshDone);
    }

    @Override
    public String toString() {
        return "RefreshPresent[cookie=" + SyncBer.show(cookie) + ", refreshDone=" + refreshDone + "]";
    }
}
