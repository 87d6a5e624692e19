package dev.linden.observability;

/** Why a bind failed, as far as the server can tell after answering it. */
public enum BindFailure {
    /** the entry exists (or it is the root DN) but the password is wrong, or the entry has none */
    WRONG_PASSWORD("wrong_password", "Wrong Password"),
    /** no entry has that name */
    NO_SUCH_ENTRY("no_such_entry", "No Such Entry"),
    /** the account is locked by the password policy */
    LOCKED("locked", "Locked"),
    /** a simple bind without TLS where TLS is required: no password was checked */
    CONFIDENTIALITY_REQUIRED("confidentiality_required", "Confidentiality Required"),
    /** refused before the password was looked at: throttled, blocked, or unwilling (an unauthenticated bind) */
    REFUSED("refused", "Refused"),
    /** anything else: a malformed name, an unsupported method, a SASL failure before the credentials */
    OTHER("other", "Other");

    private final String label;
    private final String monitorName;

    BindFailure(String label, String monitorName) {
        this.label = label;
        this.monitorName = monitorName;
    }

    public String label() {
        return label;
    }

    public String monitorName() {
        return monitorName;
    }

    /** Failures that say someone tried a password (what guessing looks like). */
    public boolean isGuess() {
        return this == WRONG_PASSWORD || this == NO_SUCH_ENTRY || this == LOCKED;
    }
}
