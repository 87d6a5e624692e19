package dev.linden.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.op.SearchResultEntry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StreamedEntryEncoderTest {
    /** Collects the bytes, taking each buffer's bytes one call at a time as a chunked writer would. */
    static final class Collected implements StreamedEntryEncoder.Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] b, int offset, int length) {
            bytes.write(b, offset, length);
        }

        @Override
        public void write(ByteBuffer b) {
            while (b.hasRemaining()) {
                bytes.write(b.get());
            }
        }
    }

    /** Values from a list, each handed out as a read-only view, as the store does. */
    record Listed(List<byte[]> values) implements ValueSource {
        @Override
        public void forEachValue(Consumer<ByteBuffer> each) {
            for (byte[] v : values) {
                each.accept(ByteBuffer.wrap(v).asReadOnlyBuffer());
            }
        }
    }

    static List<byte[]> values(Random random, int count, int maxLength) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] v = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(v);
            values.add(v);
        }
        return values;
    }

    /** The message with its streamed attributes listed instead: what LdapEncoder must give byte for byte. */
    static LdapMessage listed(LdapMessage m) {
        SearchResultEntry e = (SearchResultEntry) m.op();
        List<PartialAttribute> out = new ArrayList<>();
        for (PartialAttribute a : e.attributes()) {
            out.add(a.source() == null ? a : new PartialAttribute(a.type(), ((Listed) a.source()).values()));
        }
        return new LdapMessage(m.messageId(), new SearchResultEntry(e.dn(), out), m.controls());
    }

    static byte[] streamed(LdapMessage m) {
        Collected out = new Collected();
        StreamedEntryEncoder.encode(m, out);
        return out.bytes.toByteArray();
    }

    @Test
    void theStreamedBytesAreThoseOfTheWholeMessageWhateverTheLengthsAndTheControls() {
        Random random = new Random(7);
        // value counts and lengths chosen so that the set, the attribute, the list and the message
        // lengths cross the one-, two-, three- and four-byte length forms
        int[][] shapes = {{0, 0}, {1, 0}, {1, 127}, {1, 128}, {2, 200}, {300, 255}, {600, 300}, {40_000, 40}};
        for (int[] shape : shapes) {
            for (boolean withControls : new boolean[] {false, true}) {
                List<PartialAttribute> attributes = new ArrayList<>();
                attributes.add(
                        new PartialAttribute("objectClass", List.of("top".getBytes(), "groupOfNames".getBytes())));
                attributes.add(PartialAttribute.streamed("member", new Listed(values(random, shape[0], shape[1]))));
                attributes.add(new PartialAttribute("cn", List.of("big".getBytes())));
                attributes.add(PartialAttribute.streamed("uniqueMember", new Listed(values(random, 3, 20))));
                List<Control> controls = withControls
                        ? List.of(new Control("1.3.6.1.4.1.4203.1.9.1.2", false, new byte[] {4, 1, 'x'}))
                        : List.of();
                LdapMessage m = new LdapMessage(
                        random.nextInt(1_000_000),
                        new SearchResultEntry("cn=big,ou=groups,dc=example,dc=com", attributes),
                        controls);
                assertThat(StreamedEntryEncoder.streams(m)).isTrue();
                byte[] expected = LdapEncoder.encode(listed(m));
                assertThat(streamed(m))
                        .as("%d values of up to %d bytes, controls %s", shape[0], shape[1], withControls)
                        .isEqualTo(expected);
                assertThat(LdapEncoder.encode(m))
                        .as("the in-memory encoder reads the source too")
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void anEntryWithoutASourceIsNotStreamed() {
        LdapMessage m = new LdapMessage(
                2, new SearchResultEntry("cn=x", List.of(new PartialAttribute("cn", List.of("x".getBytes())))));
        assertThat(StreamedEntryEncoder.streams(m)).isFalse();
        assertThat(StreamedEntryEncoder.streams(
                        new LdapMessage(2, new SearchResultEntry("cn=x", List.of(), new byte[] {0x30, 0}))))
                .isFalse();
    }

    @Test
    void valuesThatChangeBetweenTheTwoReadingsAreRefusedNotSentWrong() {
        List<byte[]> values = new ArrayList<>(List.of("a".getBytes(), "b".getBytes()));
        ValueSource growing = each -> {
            for (byte[] v : List.copyOf(values)) {
                each.accept(ByteBuffer.wrap(v));
            }
            values.add("c".getBytes()); // a writer got in between
        };
        LdapMessage m = new LdapMessage(
                3, new SearchResultEntry("cn=g", List.of(PartialAttribute.streamed("member", growing))));
        assertThatThrownBy(() -> streamed(m))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed while they were sent");
    }
}
