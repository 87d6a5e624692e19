package dev.linden.model.sync;

/**
 * Text that is not a valid change sequence number or sync cookie. Checked, because both arrive from
 * other servers: the caller decides what a bad value means (a provider treats a bad cookie as no
 * cookie, as slapd does; a consumer ends the session).
 */
public final class SyncSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SyncSyntaxException(String message) {
        super(message, null, false, false); // about the input, not a bug: no stack trace
    }
}
