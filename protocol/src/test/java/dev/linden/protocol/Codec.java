package dev.linden.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test helpers shared by the codec tests: hex, round trips and structural comparison of records. */
public final class Codec {
    private Codec() {}

    /** Parses hex with any whitespace between the digits. */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} bytes of a repeating, non-constant pattern. */
    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** An ASCII string of {@code n} characters. */
    public static String ascii(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    /**
     * Encodes, decodes and re-encodes {@code message}; asserts both encodings are identical and the
     * decoded message equals the original field by field (byte arrays by content), and returns it.
     */
    public static LdapMessage roundTrip(LdapMessage message) throws BerException {
        byte[] first = LdapEncoder.encode(message);
        LdapMessage decoded = LdapDecoder.decode(first);
        byte[] second = LdapEncoder.encode(decoded);
        assertThat(second).as("re-encoding of %s", hex(first)).containsExactly(first);
        assertDeepEquals(decoded, message);
        return decoded;
    }

    /**
     * Asserts two records are equal field by field, recursively, with byte arrays compared by
     * content and the record types themselves required to match (so an Equality never equals a
     * GreaterOrEqual with the same fields).
     */
    public static void assertDeepEquals(Object actual, Object expected) {
        assertThat(actual)
                .usingRecursiveComparison()
                .withStrictTypeChecking()
                .withEqualsForType(java.util.Arrays::equals, byte[].class)
                .isEqualTo(expected);
    }

    public static byte[] ber(Filter filter) {
        BerWriter w = new BerWriter();
        LdapEncoder.filter(filter, w);
        return w.toByteArray();
    }

    /** Decodes one filter that must fill {@code ber} exactly. */
    public static Filter decodeFilter(byte[] ber) throws BerException {
        BerReader r = new BerReader(ber);
        Filter f = LdapDecoder.filter(r, 0);
        r.expectEnd("the filter");
        return f;
    }

    /** The BER length octets for a content length, written independently of BerWriter. */
    public static String berLength(int length) {
        if (length < 0x80) {
            return String.format("%02x", length);
        }
        String digits = Integer.toHexString(length);
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        return String.format("%02x", 0x80 | digits.length() / 2) + digits;
    }
}
