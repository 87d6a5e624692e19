package dev.linden.protocol.sync;

/**
 * What a Sync State control says about its entry (RFC 4533 section 2.3); the ENUMERATED value on
 * the wire is the ordinal.
 */
public enum SyncState {
    /** The entry is unchanged and still in the content (present phase); the message carries no attributes. */
    PRESENT,
    /** The entry is new to the content, or (in a refresh) changed: it carries the whole entry. */
    ADD,
    /** The entry changed (persist phase): it carries the whole entry. */
    MODIFY,
    /** The entry left the content: deleted, moved out of scope, or no longer matching. */
    DELETE;

    public int code() {
        return ordinal();
    }
}
