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

    private Oids() {
    }
}
