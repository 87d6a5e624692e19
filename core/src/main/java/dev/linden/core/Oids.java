package dev.linden.core;

/**
 * Object identifiers of the controls, extended operations and features this server implements. The
 * RFC 4533 (content synchronization) OIDs are declared once, with their codecs, in
 * {@code dev.linden.protocol.sync}: {@code SyncRequestControl.OID}, {@code SyncStateControl.OID},
 * {@code SyncDoneControl.OID}, {@code SyncInfo.OID}.
 */
public final class Oids {
    public static final String PAGED_RESULTS = "1.2.840.113556.1.4.319";
    public static final String MANAGE_DSA_IT = "2.16.840.1.113730.3.4.2";
    /** Proxied authorization, version 2 (RFC 4370). */
    public static final String PROXIED_AUTHORIZATION = "2.16.840.1.113730.3.4.18";
    /** The password policy request and response control (draft-behera-ldap-password-policy). */
    public static final String PASSWORD_POLICY = "1.3.6.1.4.1.42.2.27.8.5.1";
    /** Assertion (RFC 4528): the operation only if the target entry matches a filter. */
    public static final String ASSERTION = "1.3.6.1.1.12";
    /** Pre-read and post-read (RFC 4527): the target entry before or after an update, in the response. */
    public static final String PRE_READ = "1.3.6.1.1.13.1";

    public static final String POST_READ = "1.3.6.1.1.13.2";
    /** Matched values (RFC 3876): only the attribute values that match a filter. */
    public static final String MATCHED_VALUES = "1.2.826.0.1.3344810.2.3";
    /** Permissive modify (Active Directory, OpenLDAP): adding a present value or removing an absent attribute succeeds. */
    public static final String PERMISSIVE_MODIFY = "1.2.840.113556.1.4.1413";
    /** Subtree delete (Active Directory's tree delete): an entry and everything below it. */
    public static final String SUBTREE_DELETE = "1.2.840.113556.1.4.805";
    /** Don't use copy (RFC 6171): answer from the master copy (this server holds no copies). */
    public static final String DONT_USE_COPY = "1.3.6.1.1.22";
    /** Server-side sort request and response (RFC 2891). */
    public static final String SORT_REQUEST = "1.2.840.113556.1.4.473";

    public static final String SORT_RESPONSE = "1.2.840.113556.1.4.474";
    /** Virtual list view request and response (draft-ietf-ldapext-ldapv3-vlv). */
    public static final String VLV_REQUEST = "2.16.840.1.113730.3.4.9";

    public static final String VLV_RESPONSE = "2.16.840.1.113730.3.4.10";
    /** Dereference (draft-masarati-ldap-deref, OpenLDAP's deref overlay). */
    public static final String DEREF = "1.3.6.1.4.1.4203.666.5.16";
    /** Persistent search and its entry change notification (draft-ietf-ldapext-psearch). */
    public static final String PERSISTENT_SEARCH = "2.16.840.1.113730.3.4.3";

    public static final String ENTRY_CHANGE_NOTIFICATION = "2.16.840.1.113730.3.4.7";
    /** Cancel (RFC 3909). */
    public static final String CANCEL = "1.3.6.1.1.8";
    /** LDAP transactions (RFC 5805): start, the specification control on each update, end, aborted notice. */
    public static final String START_TRANSACTION = "1.3.6.1.1.21.1";

    public static final String TRANSACTION_SPECIFICATION = "1.3.6.1.1.21.2";
    public static final String END_TRANSACTION = "1.3.6.1.1.21.3";
    public static final String ABORTED_TRANSACTION = "1.3.6.1.1.21.4";
    public static final String WHO_AM_I = "1.3.6.1.4.1.4203.1.11.3";
    public static final String PASSWORD_MODIFY = "1.3.6.1.4.1.4203.1.11.1";
    public static final String START_TLS = "1.3.6.1.4.1.1466.20037";
    /** All operational attributes with "+" (RFC 3673). */
    public static final String FEATURE_ALL_OPERATIONAL = "1.3.6.1.4.1.4203.1.5.1";
    /** Attributes by object class with "@class" (RFC 4529). */
    public static final String FEATURE_OC_ATTRIBUTES = "1.3.6.1.4.1.4203.1.5.2";
    /** Absolute true (&) and false (|) filters (RFC 4526). */
    public static final String FEATURE_TRUE_FALSE = "1.3.6.1.4.1.4203.1.5.3";
    /** The modify-increment extension (RFC 4525). */
    public static final String FEATURE_INCREMENT = "1.3.6.1.1.14";

    private Oids() {}
}
