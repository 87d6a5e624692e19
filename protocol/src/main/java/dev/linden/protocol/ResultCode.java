package dev.linden.protocol;

import java.util.HashMap;
import java.util.Map;

/** LDAP result codes (RFC 4511 appendix A, plus the ones in common use from later RFCs). */
public enum ResultCode {
    SUCCESS(0),
    OPERATIONS_ERROR(1),
    PROTOCOL_ERROR(2),
    TIME_LIMIT_EXCEEDED(3),
    SIZE_LIMIT_EXCEEDED(4),
    COMPARE_FALSE(5),
    COMPARE_TRUE(6),
    AUTH_METHOD_NOT_SUPPORTED(7),
    STRONGER_AUTH_REQUIRED(8),
    REFERRAL(10),
    ADMIN_LIMIT_EXCEEDED(11),
    UNAVAILABLE_CRITICAL_EXTENSION(12),
    CONFIDENTIALITY_REQUIRED(13),
    SASL_BIND_IN_PROGRESS(14),
    NO_SUCH_ATTRIBUTE(16),
    UNDEFINED_ATTRIBUTE_TYPE(17),
    INAPPROPRIATE_MATCHING(18),
    CONSTRAINT_VIOLATION(19),
    ATTRIBUTE_OR_VALUE_EXISTS(20),
    INVALID_ATTRIBUTE_SYNTAX(21),
    NO_SUCH_OBJECT(32),
    ALIAS_PROBLEM(33),
    INVALID_DN_SYNTAX(34),
    ALIAS_DEREFERENCING_PROBLEM(36),
    INAPPROPRIATE_AUTHENTICATION(48),
    INVALID_CREDENTIALS(49),
    INSUFFICIENT_ACCESS_RIGHTS(50),
    BUSY(51),
    UNAVAILABLE(52),
    UNWILLING_TO_PERFORM(53),
    LOOP_DETECT(54),
    NAMING_VIOLATION(64),
    OBJECT_CLASS_VIOLATION(65),
    NOT_ALLOWED_ON_NON_LEAF(66),
    NOT_ALLOWED_ON_RDN(67),
    ENTRY_ALREADY_EXISTS(68),
    OBJECT_CLASS_MODS_PROHIBITED(69),
    AFFECTS_MULTIPLE_DSAS(71),
    /** A virtual list view could not be served (draft-ietf-ldapext-ldapv3-vlv; slapd's sssvlv answers it). */
    VIRTUAL_LIST_VIEW_ERROR(76),
    OTHER(80),
    CANCELED(118),
    NO_SUCH_OPERATION(119),
    TOO_LATE(120),
    CANNOT_CANCEL(121),
    ASSERTION_FAILED(122),
    /** The proxied authorization control's identity may not be assumed (RFC 4370 section 6). */
    AUTHORIZATION_DENIED(123),
    /** An LDAP transaction ID the server does not know (OpenLDAP's LDAP_X_TXN_ID_INVALID, RFC 5805). */
    TXN_ID_INVALID(0x4121),
    /** e-syncRefreshRequired: the sync client must start again from a full refresh (RFC 4533 section 2.6). */
    E_SYNC_REFRESH_REQUIRED(4096);

    private static final Map<Integer, ResultCode> BY_CODE = new HashMap<>();

    static {
        for (ResultCode rc : values()) {
            BY_CODE.put(rc.code, rc);
        }
    }

    private final int code;

    ResultCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The result code with this number; {@link #OTHER} for a number this server does not know. */
    public static ResultCode of(long code) {
        ResultCode rc = code >= 0 && code <= Integer.MAX_VALUE ? BY_CODE.get((int) code) : null;
        return rc != null ? rc : OTHER;
    }
}
