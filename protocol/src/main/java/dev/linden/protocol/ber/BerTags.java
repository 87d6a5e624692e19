package dev.linden.protocol.ber;

/** Universal tags used by LDAP, and helpers for context and application tags. */
public final class BerTags {
    public static final int BOOLEAN = 0x01;
    public static final int INTEGER = 0x02;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int ENUMERATED = 0x0A;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    private BerTags() {}

    public static int application(int number, boolean constructed) {
        return 0x40 | (constructed ? 0x20 : 0) | number;
    }

    public static int context(int number, boolean constructed) {
        return 0x80 | (constructed ? 0x20 : 0) | number;
    }
}
