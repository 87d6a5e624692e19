package dev.linden.protocol.sync;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The pieces the RFC 4533 values share: an optional cookie, a BOOLEAN with a DEFAULT (left out when
 * it has the default, as DER wants; accepted when sent anyway, as slapd does), a 16-byte syncUUID.
 */
final class SyncBer {
    private SyncBer() {}

    static byte[] requireValue(byte[] value, String what) throws BerException {
        if (value == null) {
            throw new BerException(what + " has no value");
        }
        return value;
    }

    /** The cookie if the next element is one (an OCTET STRING), else null. */
    static byte[] optionalCookie(BerReader r) throws BerException {
        return r.peekTag() == BerTags.OCTET_STRING ? r.readOctetString() : null;
    }

    static void writeCookie(BerWriter w, byte[] cookie) {
        if (cookie != null) {
            w.octetString(cookie);
        }
    }

    /** The BOOLEAN if the next element is one, else its DEFAULT. */
    static boolean optionalBoolean(BerReader r, boolean defaultValue) throws BerException {
        return r.peekTag() == BerTags.BOOLEAN ? r.readBoolean() : defaultValue;
    }

    static void writeUnlessDefault(BerWriter w, boolean value, boolean defaultValue) {
        if (value != defaultValue) {
            w.bool(value);
        }
    }

    static UUID readUuid(BerReader r) throws BerException {
        byte[] b = r.readOctetString();
        if (b.length != 16) {
            throw new BerException("syncUUID of " + b.length + " bytes, not 16");
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new UUID(bb.getLong(), bb.getLong());
    }

    static void writeUuid(BerWriter w, UUID uuid) {
        w.octetString(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array());
    }

    static boolean sameCookie(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    static int cookieHash(byte[] cookie) {
        return Arrays.hashCode(cookie);
    }

    /** A cookie for toString: its text when printable ASCII (OpenLDAP's are), else hex; "none" when absent. */
    static String show(byte[] cookie) {
        if (cookie == null) {
            return "none";
        }
        for (byte b : cookie) {
            if (b < 0x20 || b > 0x7E) {
                return "0x" + HexFormat.of().formatHex(cookie);
            }
        }
        return "\"" + new String(cookie, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
    }
}
