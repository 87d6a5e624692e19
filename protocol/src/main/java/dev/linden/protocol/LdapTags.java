package dev.linden.protocol;

/** The BER tags of RFC 4511's protocol operations and their inner fields. */
public final class LdapTags {
    public static final int BIND_REQUEST = 0x60;
    public static final int BIND_RESPONSE = 0x61;
    public static final int UNBIND_REQUEST = 0x42;
    public static final int SEARCH_REQUEST = 0x63;
    public static final int SEARCH_RESULT_ENTRY = 0x64;
    public static final int SEARCH_RESULT_DONE = 0x65;
    public static final int MODIFY_REQUEST = 0x66;
    public static final int MODIFY_RESPONSE = 0x67;
    public static final int ADD_REQUEST = 0x68;
    public static final int ADD_RESPONSE = 0x69;
    public static final int DELETE_REQUEST = 0x4A;
    public static final int DELETE_RESPONSE = 0x6B;
    public static final int MODIFY_DN_REQUEST = 0x6C;
    public static final int MODIFY_DN_RESPONSE = 0x6D;
    public static final int COMPARE_REQUEST = 0x6E;
    public static final int COMPARE_RESPONSE = 0x6F;
    public static final int ABANDON_REQUEST = 0x50;
    public static final int SEARCH_RESULT_REFERENCE = 0x73;
    public static final int EXTENDED_REQUEST = 0x77;
    public static final int EXTENDED_RESPONSE = 0x78;
    public static final int INTERMEDIATE_RESPONSE = 0x79;

    public static final int CONTROLS = 0xA0;
    public static final int AUTH_SIMPLE = 0x80;
    public static final int AUTH_SASL = 0xA3;
    public static final int SERVER_SASL_CREDS = 0x87;
    public static final int REFERRAL = 0xA3;
    public static final int NEW_SUPERIOR = 0x80;
    public static final int EXTENDED_REQUEST_NAME = 0x80;
    public static final int EXTENDED_REQUEST_VALUE = 0x81;
    public static final int EXTENDED_RESPONSE_NAME = 0x8A;
    public static final int EXTENDED_RESPONSE_VALUE = 0x8B;
    public static final int INTERMEDIATE_NAME = 0x80;
    public static final int INTERMEDIATE_VALUE = 0x81;

    public static final int FILTER_AND = 0xA0;
    public static final int FILTER_OR = 0xA1;
    public static final int FILTER_NOT = 0xA2;
    public static final int FILTER_EQUALITY = 0xA3;
    public static final int FILTER_SUBSTRINGS = 0xA4;
    public static final int FILTER_GREATER_OR_EQUAL = 0xA5;
    public static final int FILTER_LESS_OR_EQUAL = 0xA6;
    public static final int FILTER_PRESENT = 0x87;
    public static final int FILTER_APPROX = 0xA8;
    public static final int FILTER_EXTENSIBLE = 0xA9;
    public static final int SUBSTRING_INITIAL = 0x80;
    public static final int SUBSTRING_ANY = 0x81;
    public static final int SUBSTRING_FINAL = 0x82;
    public static final int MATCHING_RULE = 0x81;
    public static final int MATCHING_TYPE = 0x82;
    public static final int MATCH_VALUE = 0x83;
    public static final int DN_ATTRIBUTES = 0x84;

    /** The OID of the Notice of Disconnection unsolicited notification (RFC 4511 section 4.4.1). */
    public static final String NOTICE_OF_DISCONNECTION = "1.3.6.1.4.1.1466.20036";

    private LdapTags() {}
}
