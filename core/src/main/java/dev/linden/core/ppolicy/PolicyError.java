package dev.linden.core.ppolicy;

/** The error of the password policy response control, with its ENUMERATED value in the draft. */
public enum PolicyError {
    PASSWORD_EXPIRED(0),
    ACCOUNT_LOCKED(1),
    CHANGE_AFTER_RESET(2),
    PASSWORD_MOD_NOT_ALLOWED(3),
    MUST_SUPPLY_OLD_PASSWORD(4),
    INSUFFICIENT_PASSWORD_QUALITY(5),
    PASSWORD_TOO_SHORT(6),
    PASSWORD_TOO_YOUNG(7),
    PASSWORD_IN_HISTORY(8);

    private final int code;

    PolicyError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The error with this value, or null for a value the draft does not define. */
    public static PolicyError of(long code) {
        for (PolicyError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
