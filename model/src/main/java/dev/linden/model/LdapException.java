package dev.linden.model;

import dev.linden.protocol.ResultCode;

/**
 * An operation failed with an LDAP result code. Errors are values: every layer throws this, and the
 * server turns it into a response in exactly one place.
 */
public final class LdapException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ResultCode code;
    private final String matchedDn;

    public LdapException(ResultCode code, String message) {
        this(code, message, "");
    }

    public LdapException(ResultCode code, String message, String matchedDn) {
        super(message, null, false, false); // an expected outcome, not a bug: no stack trace
        this.code = code;
        this.matchedDn = matchedDn == null ? "" : matchedDn;
    }

    public ResultCode code() {
        return code;
    }

    public String matchedDn() {
        return matchedDn;
    }
}
