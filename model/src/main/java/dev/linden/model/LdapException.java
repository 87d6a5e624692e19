package dev.linden.model;

import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import java.util.List;

/**
 * An operation failed with an LDAP result code. Errors are values: every layer throws this, and the
 * server turns it into a response in exactly one place.
 */
public final class LdapException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ResultCode code;
    private final String matchedDn;
    private final transient List<Control> controls;
    private final List<String> referrals;

    public LdapException(ResultCode code, String message) {
        this(code, message, "");
    }

    public LdapException(ResultCode code, String message, String matchedDn) {
        this(code, message, matchedDn, List.of());
    }

    /** An error whose response carries controls (the password policy control, for one). */
    public LdapException(ResultCode code, String message, String matchedDn, List<Control> controls) {
        this(code, message, matchedDn, controls, List.of());
    }

    /** A result that names where to go instead: a referral (RFC 4511 4.1.10) with its URLs. */
    public static LdapException referral(String matchedDn, List<String> urls) {
        return new LdapException(ResultCode.REFERRAL, "", matchedDn, List.of(), urls);
    }

    private LdapException(
            ResultCode code, String message, String matchedDn, List<Control> controls, List<String> referrals) {
        super(message, null, false, false); // an expected outcome, not a bug: no stack trace
        this.code = code;
        this.matchedDn = matchedDn == null ? "" : matchedDn;
        this.controls = List.copyOf(controls);
        this.referrals = List.copyOf(referrals);
    }

    public ResultCode code() {
        return code;
    }

    public String matchedDn() {
        return matchedDn;
    }

    /** The URLs of a referral result; empty for every other result. */
    public List<String> referrals() {
        return referrals == null ? List.of() : referrals;
    }

    /** The response controls that go with the error response (usually none). */
    public List<Control> controls() {
        return controls == null ? List.of() : controls;
    }
}
