package dev.linden.protocol.sync;

/** The mode of a Sync Request (RFC 4533 section 2.2): poll once, or poll and then stay for changes. */
public enum SyncMode {
    /** Send the changes since the cookie, end with SearchResultDone. */
    REFRESH_ONLY(1),
    /** Send the changes since the cookie, then keep the search open and send each change as it commits. */
    REFRESH_AND_PERSIST(3);

    private final int code;

    SyncMode(int code) {
        this.code = code;
    }

    /** The ENUMERATED value on the wire (0 is unused and 2 reserved by the RFC). */
    public int code() {
        return code;
    }

    /** The mode with this ENUMERATED value, or null for 0, 2 and anything else. */
    static SyncMode of(int code) {
        for (SyncMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
