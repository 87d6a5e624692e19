package dev.linden.protocol.netlogon;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Names in the NETLOGON response: DNS wire form (RFC 1035 3.1: length-prefixed labels ending with a
 * zero byte) with message compression (4.1.4), where a pointer's offset counts from the first byte
 * of the NETLOGON value, as MS-ADTS 6.3.1.9 and Samba's nbt_string do. NetBIOS names and site names
 * travel the same way, as one label each. Labels are UTF-8.
 */
final class DnsNames {
    static final int MAX_LABEL = 63;
    static final int MAX_NAME = 255; // wire bytes, labels and their lengths and the final zero
    private static final int MAX_POINTER = 0x3FFF;

    private DnsNames() {}

    /**
     * Writes {@code name}, reusing any suffix already written (remembered in {@code written}, suffix
     * to offset). The empty name is the root: one zero byte.
     *
     * @throws IllegalArgumentException for an empty label, a label over 63 bytes, a name over 255 or
     *     text that is not valid UTF-16 (an unpaired surrogate)
     */
    static void write(String name, ByteArrayOutputStream out, Map<String, Integer> written) {
        if (name.isEmpty()) {
            out.write(0);
            return;
        }
        String[] labels = name.split("\\.", -1);
        byte[][] encoded = new byte[labels.length][];
        int wire = 1;
        for (int i = 0; i < labels.length; i++) {
            encoded[i] = utf8(labels[i], name);
            if (encoded[i].length == 0 || encoded[i].length > MAX_LABEL) {
                throw new IllegalArgumentException("name '" + name + "': each label needs 1 to 63 bytes");
            }
            wire += 1 + encoded[i].length;
        }
        if (wire > MAX_NAME) {
            throw new IllegalArgumentException("name '" + name + "' is longer than 255 bytes");
        }
        for (int i = 0; i < labels.length; i++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            Integer at = written.get(suffix);
            if (at != null) {
                out.write(0xC0 | (at >> 8));
                out.write(at & 0xFF);
                return;
            }
            if (out.size() <= MAX_POINTER) {
                written.put(suffix, out.size());
            }
            out.write(encoded[i].length);
            out.write(encoded[i], 0, encoded[i].length);
        }
        out.write(0);
    }

    /**
     * Reads a name at {@code pos[0]} and moves it past the name (past the first pointer, when there is
     * one). Pointers may only point backwards, before every byte of the name read so far, so a hostile
     * value cannot loop.
     */
    static String read(byte[] data, int[] pos) throws NetlogonFormatException {
        StringBuilder name = new StringBuilder();
        int p = pos[0];
        int lowest = p; // a pointer must go below every position this name has used
        int wire = 1;
        boolean jumped = false;
        while (true) {
            int len = byteAt(data, p);
            if (len == 0) {
                p++;
                break;
            }
            if ((len & 0xC0) == 0xC0) {
                int target = ((len & 0x3F) << 8) | byteAt(data, p + 1);
                if (target >= lowest) {
                    throw new NetlogonFormatException("name compression pointer at " + p + " does not point backwards");
                }
                if (!jumped) {
                    pos[0] = p + 2;
                    jumped = true;
                }
                p = target;
                lowest = target;
                continue;
            }
            if ((len & 0xC0) != 0) {
                throw new NetlogonFormatException("reserved label type 0x" + Integer.toHexString(len) + " at " + p);
            }
            if (p + 1 + len > data.length) {
                throw new NetlogonFormatException("name label at " + p + " runs past the end");
            }
            wire += 1 + len;
            if (wire > MAX_NAME) {
                throw new NetlogonFormatException("name at " + pos[0] + " is longer than 255 bytes");
            }
            String label = text(data, p + 1, len);
            if (label.indexOf('.') >= 0) {
                throw new NetlogonFormatException("name label at " + p + " contains a dot");
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(label);
            p += 1 + len;
        }
        if (!jumped) {
            pos[0] = p;
        }
        return name.toString();
    }

    private static int byteAt(byte[] data, int p) throws NetlogonFormatException {
        if (p >= data.length) {
            throw new NetlogonFormatException("name at " + p + " runs past the end");
        }
        return data[p] & 0xFF;
    }

    private static byte[] utf8(String label, String name) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(label));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("name '" + name + "' is not valid Unicode text");
        }
    }

    private static String text(byte[] data, int offset, int length) throws NetlogonFormatException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NetlogonFormatException("name label at " + (offset - 1) + " is not UTF-8");
        }
    }
}
