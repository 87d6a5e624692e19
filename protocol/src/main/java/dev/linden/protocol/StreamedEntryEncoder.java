package dev.linden.protocol;

import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.op.SearchResultEntry;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Encodes a SearchResultEntry message whose attributes include values read from a {@link
 * ValueSource} (a 200,000-member group: 9 MB) without holding them: the bytes go to an {@link Out}
 * as they are produced, so the server's memory does not grow with the group. BER's lengths come
 * before their contents (LDAP allows only definite lengths), so each source gives its values' total
 * length first ({@link ValueSource#encodedLength}: a store's summary of them, or a pass over their
 * lengths), then its values. The bytes are those {@link LdapEncoder} would give.
 */
public final class StreamedEntryEncoder {
    private StreamedEntryEncoder() {}

    /** Where the message's bytes go, in order. */
    public interface Out {
        void write(byte[] bytes, int offset, int length);

        /** The buffer's remaining bytes; its position may move. */
        void write(ByteBuffer bytes);

        /** A value as an OCTET STRING: its tag, its length and the buffer's remaining bytes. */
        default void octetString(ByteBuffer value) {
            byte[] head = new byte[6];
            int n = BerWriter.putHead(head, 0, BerTags.OCTET_STRING, value.remaining());
            write(head, 0, n);
            write(value);
        }
    }

    /** Whether the message is an entry with values to stream. */
    public static boolean streams(LdapMessage message) {
        if (!(message.op() instanceof SearchResultEntry e) || e.attributes() == null) {
            return false;
        }
        for (PartialAttribute a : e.attributes()) {
            if (a.source() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the whole message to {@code out}.
     *
     * @throws IllegalStateException if a source's second reading differs in length from its first
     *     (its {@link ValueSource} contract broken): the bytes written so far are not a whole message
     */
    public static void encode(LdapMessage message, Out out) {
        SearchResultEntry entry = (SearchResultEntry) message.op();
        List<PartialAttribute> attributes = entry.attributes();
        byte[][] heads = new byte[attributes.size()][]; // a listed attribute whole, or a streamed one's head
        int[] valueBytes = new int[attributes.size()];
        long list = 0;
        for (int i = 0; i < attributes.size(); i++) {
            PartialAttribute a = attributes.get(i);
            if (a.source() == null) {
                heads[i] = LdapEncoder.partialAttribute(a);
                list += heads[i].length;
                continue;
            }
            valueBytes[i] = lengthOfValues(a);
            byte[] type = new BerWriter(a.type().length() + 4).string(a.type()).toByteArray();
            int set = BerWriter.elementLength(valueBytes[i]);
            BerWriter head = new BerWriter(type.length + 12)
                    .head(BerTags.SEQUENCE, Math.addExact(type.length, set))
                    .raw(type, 0, type.length)
                    .head(BerTags.SET, valueBytes[i]);
            heads[i] = head.toByteArray();
            list += BerWriter.elementLength(type.length + set);
        }
        byte[] dn = new BerWriter(entry.dn().length() + 4).string(entry.dn()).toByteArray();
        byte[] id = new BerWriter(8).integer(message.messageId()).toByteArray();
        byte[] controls = LdapEncoder.controls(message);
        long opContent = dn.length + (long) BerWriter.elementLength(list);
        long whole = id.length + (long) BerWriter.elementLength(opContent) + controls.length;
        BerWriter.elementLength(whole); // refuses a message past 2 GB
        byte[] start = new BerWriter(32)
                .head(BerTags.SEQUENCE, (int) whole)
                .raw(id, 0, id.length)
                .head(LdapTags.SEARCH_RESULT_ENTRY, (int) opContent)
                .toByteArray();
        out.write(start, 0, start.length);
        out.write(dn, 0, dn.length);
        byte[] listHead = new BerWriter(8).head(BerTags.SEQUENCE, (int) list).toByteArray();
        out.write(listHead, 0, listHead.length);
        for (int i = 0; i < attributes.size(); i++) {
            out.write(heads[i], 0, heads[i].length);
            if (attributes.get(i).source() != null) {
                writeValues(attributes.get(i), valueBytes[i], out);
            }
        }
        out.write(controls, 0, controls.length);
    }

    /** The bytes of the values' OCTET STRINGs together. */
    private static int lengthOfValues(PartialAttribute a) {
        long n = a.source().encodedLength();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("the values of " + a.type() + " pass 2 GB: they cannot be one message");
        }
        return (int) n;
    }

    private static void writeValues(PartialAttribute a, int expected, Out out) {
        long[] written = {0};
        a.source().forEachValue(v -> {
            written[0] += BerWriter.elementLength(v.remaining());
            out.octetString(v);
        });
        if (written[0] != expected) {
            throw new IllegalStateException("the values of " + a.type() + " changed while they were sent: " + written[0]
                    + " bytes, not " + expected);
        }
    }
}
