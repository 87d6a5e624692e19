package dev.linden.protocol.ber;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds BER into a growable array. Constructed elements are opened with {@link #begin(int)} and
 * closed with {@link #end()}, which writes the definite length in front of the contents (shifting
 * them when the length needs more than one byte).
 */
public final class BerWriter {
    private byte[] buf;
    private int size;
    private int[] openStarts = new int[8]; // grows past eight open elements
    private int depth;

    public BerWriter() {
        this(256);
    }

    public BerWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public BerWriter begin(int tag) {
        ensure(2);
        buf[size++] = (byte) tag;
        buf[size++] = 0; // one-byte length placeholder, fixed in end()
        if (depth == openStarts.length) {
            openStarts = Arrays.copyOf(openStarts, depth * 2);
        }
        openStarts[depth++] = size;
        return this;
    }

    public BerWriter end() {
        int start = openStarts[--depth];
        int length = size - start;
        int extra = lengthOfLength(length) - 1;
        if (extra > 0) {
            ensure(extra);
            System.arraycopy(buf, start, buf, start + extra, length);
            size += extra;
        }
        writeLengthAt(start - 1, length);
        return this;
    }

    private static int lengthOfLength(int length) {
        if (length < 0x80) {
            return 1;
        } else if (length < 0x100) {
            return 2;
        } else if (length < 0x10000) {
            return 3;
        } else if (length < 0x1000000) {
            return 4;
        }
        return 5;
    }

    private void writeLengthAt(int at, int length) {
        putLength(buf, at, length);
    }

    private static void putLength(byte[] out, int at, int length) {
        int n = lengthOfLength(length);
        if (n == 1) {
            out[at] = (byte) length;
            return;
        }
        out[at] = (byte) (0x80 | (n - 1));
        for (int i = n - 1; i >= 1; i--) {
            out[at + i] = (byte) length;
            length >>>= 8;
        }
    }

    /**
     * Writes a tag and a length into {@code out} from {@code at} (six bytes suffice), for a writer of
     * its own (a streamed entry's chunks); returns how many bytes it wrote.
     */
    public static int putHead(byte[] out, int at, int tag, int contentLength) {
        out[at] = (byte) tag;
        putLength(out, at + 1, contentLength);
        return 1 + lengthOfLength(contentLength);
    }

    private void header(int tag, int length) {
        int n = lengthOfLength(length);
        ensure(1 + n + length);
        buf[size++] = (byte) tag;
        writeLengthAt(size, length);
        size += n;
    }

    public BerWriter octetString(int tag, byte[] value) {
        return octetString(tag, value, 0, value.length);
    }

    public BerWriter octetString(int tag, byte[] value, int offset, int length) {
        header(tag, length);
        System.arraycopy(value, offset, buf, size, length);
        size += length;
        return this;
    }

    public BerWriter octetString(byte[] value) {
        return octetString(BerTags.OCTET_STRING, value);
    }

    /** An OCTET STRING of the buffer's remaining bytes (its position is left where it was). */
    public BerWriter octetString(ByteBuffer value) {
        int length = value.remaining();
        header(BerTags.OCTET_STRING, length);
        value.get(value.position(), buf, size, length);
        size += length;
        return this;
    }

    /**
     * A tag and a length whose content the caller writes elsewhere: the head of an element too large
     * to build here (see {@code StreamedEntryEncoder}).
     */
    public BerWriter head(int tag, int contentLength) {
        ensure(1 + lengthOfLength(contentLength));
        size += putHead(buf, size, tag, contentLength);
        return this;
    }

    /** The size of a whole element (tag, length, content) with this much content. */
    public static int elementLength(long contentLength) {
        if (contentLength < 0 || contentLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an element of " + contentLength + " bytes is out of range");
        }
        return Math.toIntExact(1 + lengthOfLength((int) contentLength) + contentLength);
    }

    public BerWriter string(int tag, String value) {
        return octetString(tag, value.getBytes(StandardCharsets.UTF_8));
    }

    public BerWriter string(String value) {
        return string(BerTags.OCTET_STRING, value);
    }

    public BerWriter integer(int tag, long value) {
        int n = 1;
        while (n < 8 && (value >> (8 * n - 1)) != 0 && (value >> (8 * n - 1)) != -1) {
            n++;
        }
        header(tag, n);
        for (int i = n - 1; i >= 0; i--) {
            buf[size++] = (byte) (value >> (8 * i));
        }
        return this;
    }

    public BerWriter integer(long value) {
        return integer(BerTags.INTEGER, value);
    }

    public BerWriter enumerated(int value) {
        return integer(BerTags.ENUMERATED, value);
    }

    public BerWriter bool(int tag, boolean value) {
        header(tag, 1);
        buf[size++] = (byte) (value ? 0xFF : 0x00);
        return this;
    }

    public BerWriter bool(boolean value) {
        return bool(BerTags.BOOLEAN, value);
    }

    public BerWriter nullValue(int tag) {
        header(tag, 0);
        return this;
    }

    /** Appends bytes that are already BER-encoded elements. */
    public BerWriter raw(byte[] encoded, int offset, int length) {
        ensure(length);
        System.arraycopy(encoded, offset, buf, size, length);
        size += length;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " constructed elements still open");
        }
        return Arrays.copyOf(buf, size);
    }

    /** The internal array (valid up to {@link #size()}), to copy out without an intermediate array. */
    public byte[] array() {
        return buf;
    }
}
