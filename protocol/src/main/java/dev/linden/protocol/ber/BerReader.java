package dev.linden.protocol.ber;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A pull parser over one BER-encoded region of a byte array (definite lengths only, low tag numbers,
 * as LDAP's restricted BER in RFC 4511 section 5.1 requires). Every length is checked against the
 * bytes that remain before anything is allocated, so a hostile length can never cause a large
 * allocation: the frame that holds the PDU has already been capped in size.
 */
public final class BerReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public BerReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public BerReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** The tag of the next element, without consuming it; -1 at the end. */
    public int peekTag() {
        return pos < end ? buf[pos] & 0xFF : -1;
    }

    public int position() {
        return pos;
    }

    /** Reads a tag and a length and returns the length; the reader is left at the element's contents. */
    private int readHeader(int expectedTag) throws BerException {
        int tag = readTag();
        if (tag != expectedTag) {
            throw new BerException(String.format("expected tag 0x%02x, found 0x%02x", expectedTag, tag));
        }
        return readLength();
    }

    public int readTag() throws BerException {
        if (pos >= end) {
            throw new BerException("element expected, found end of data");
        }
        int tag = buf[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new BerException("multi-byte tags are not used by LDAP");
        }
        return tag;
    }

    public int readLength() throws BerException {
        if (pos >= end) {
            throw new BerException("length expected, found end of data");
        }
        int first = buf[pos++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0) {
                throw new BerException("indefinite length is not allowed in LDAP");
            }
            if (count > 4 || pos + count > end) {
                throw new BerException("length of " + count + " bytes is too long");
            }
            long value = 0;
            for (int i = 0; i < count; i++) {
                value = (value << 8) | (buf[pos++] & 0xFF);
            }
            if (value > Integer.MAX_VALUE) {
                throw new BerException("element length out of range");
            }
            length = (int) value;
        }
        if (length > end - pos) {
            throw new BerException("element length " + length + " exceeds the " + (end - pos) + " bytes that remain");
        }
        return length;
    }

    /** Reads a constructed element and returns a reader over its contents. */
    public BerReader readSequence(int expectedTag) throws BerException {
        int length = readHeader(expectedTag);
        BerReader inner = new BerReader(buf, pos, length);
        pos += length;
        return inner;
    }

    /** Reads any element and returns a reader over its contents, after checking its tag is one of a family. */
    public BerReader readAny() throws BerException {
        readTag();
        int length = readLength();
        BerReader inner = new BerReader(buf, pos, length);
        pos += length;
        return inner;
    }

    public byte[] readOctetString(int expectedTag) throws BerException {
        int length = readHeader(expectedTag);
        byte[] value = new byte[length];
        System.arraycopy(buf, pos, value, 0, length);
        pos += length;
        return value;
    }

    public byte[] readOctetString() throws BerException {
        return readOctetString(BerTags.OCTET_STRING);
    }

    /** What a caller makes of a region of the buffer without copying it (for look-ups keyed by bytes). */
    @FunctionalInterface
    public interface Slice<T, E extends Exception> {
        T apply(byte[] buf, int offset, int length) throws BerException, E;
    }

    /** Reads a primitive element and hands its contents, in place, to {@code slice}. */
    public <T, E extends Exception> T readSlice(int expectedTag, Slice<T, E> slice) throws BerException, E {
        int length = readHeader(expectedTag);
        T value = slice.apply(buf, pos, length);
        pos += length;
        return value;
    }

    /** Hands the bytes that remain, in place, to {@code slice}, and ends this reader. */
    public <T, E extends Exception> T readRest(Slice<T, E> slice) throws BerException, E {
        T value = slice.apply(buf, pos, end - pos);
        pos = end;
        return value;
    }

    /** Reads an octet string that must be valid UTF-8 (an LDAPString or LDAPDN). */
    public String readUtf8(int expectedTag) throws BerException {
        int length = readHeader(expectedTag);
        String value = decodeUtf8(buf, pos, length);
        pos += length;
        return value;
    }

    public String readUtf8() throws BerException {
        return readUtf8(BerTags.OCTET_STRING);
    }

    public long readInteger(int expectedTag) throws BerException {
        int length = readHeader(expectedTag);
        if (length < 1 || length > 8) {
            throw new BerException("integer of " + length + " bytes");
        }
        long value = buf[pos++]; // sign-extended first byte
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (buf[pos++] & 0xFF);
        }
        return value;
    }

    public long readInteger() throws BerException {
        return readInteger(BerTags.INTEGER);
    }

    /** An INTEGER or ENUMERATED that must lie within [min, max]. */
    public int readIntInRange(int expectedTag, long min, long max, String what) throws BerException {
        long value = readInteger(expectedTag);
        if (value < min || value > max) {
            throw new BerException(what + " " + value + " out of range");
        }
        return (int) value;
    }

    public boolean readBoolean(int expectedTag) throws BerException {
        int length = readHeader(expectedTag);
        if (length != 1) {
            throw new BerException("boolean of " + length + " bytes");
        }
        return buf[pos++] != 0;
    }

    public boolean readBoolean() throws BerException {
        return readBoolean(BerTags.BOOLEAN);
    }

    public void readNull(int expectedTag) throws BerException {
        int length = readHeader(expectedTag);
        if (length != 0) {
            throw new BerException("null with contents");
        }
    }

    public void skipElement() throws BerException {
        readTag();
        int length = readLength(); // not "pos += readLength()": that adds to pos as it was before the length octets
        pos += length;
    }

    public void expectEnd(String what) throws BerException {
        if (pos != end) {
            throw new BerException("unexpected data after " + what);
        }
    }

    static String decodeUtf8(byte[] buf, int offset, int length) throws BerException {
        // Fast path: pure ASCII, the common case for DNs and attribute names.
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BerException("string is not valid UTF-8");
        }
    }
}
