package dev.linden.protocol.ber;

import static dev.linden.protocol.Codec.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.Codec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The BER primitives LDAP's codec is built on. */
class BerReaderWriterTest {

    static Stream<Arguments> integers() {
        return Stream.of(
                Arguments.of(0L, "02 01 00"),
                Arguments.of(1L, "02 01 01"),
                Arguments.of(127L, "02 01 7f"),
                Arguments.of(128L, "02 02 00 80"),
                Arguments.of(255L, "02 02 00 ff"),
                Arguments.of(256L, "02 02 01 00"),
                Arguments.of(32767L, "02 02 7f ff"),
                Arguments.of(32768L, "02 03 00 80 00"),
                Arguments.of(65535L, "02 03 00 ff ff"),
                Arguments.of(65536L, "02 03 01 00 00"),
                Arguments.of((long) Integer.MAX_VALUE, "02 04 7f ff ff ff"),
                Arguments.of(1L << 31, "02 05 00 80 00 00 00"),
                Arguments.of(Long.MAX_VALUE, "02 08 7f ff ff ff ff ff ff ff"),
                Arguments.of(-1L, "02 01 ff"),
                Arguments.of(-128L, "02 01 80"),
                Arguments.of(-129L, "02 02 ff 7f"),
                Arguments.of(-256L, "02 02 ff 00"),
                Arguments.of(-32768L, "02 02 80 00"),
                Arguments.of(-32769L, "02 03 ff 7f ff"),
                Arguments.of((long) Integer.MIN_VALUE, "02 04 80 00 00 00"),
                Arguments.of(Long.MIN_VALUE, "02 08 80 00 00 00 00 00 00 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integers")
    void integersAreMinimalTwosComplement(long value, String expected) throws BerException {
        byte[] encoded = new BerWriter().integer(value).toByteArray();
        assertThat(hex(encoded)).isEqualTo(expected);
        BerReader r = new BerReader(encoded);
        assertThat(r.readInteger()).isEqualTo(value);
        assertThat(r.hasMore()).isFalse();
    }

    @Test
    void nonMinimalIntegersStillDecode() throws BerException {
        assertThat(new BerReader(Codec.hex("02 02 00 01")).readInteger()).isEqualTo(1);
        assertThat(new BerReader(Codec.hex("02 02 ff ff")).readInteger()).isEqualTo(-1);
    }

    @Test
    void integerOfNineOrZeroBytesIsRejected() {
        assertThatThrownBy(() -> new BerReader(Codec.hex("02 09 00 ff ff ff ff ff ff ff ff")).readInteger())
                .isInstanceOf(BerException.class);
        assertThatThrownBy(() -> new BerReader(Codec.hex("02 00")).readInteger())
                .isInstanceOf(BerException.class);
    }

    @Test
    void intInRange() throws BerException {
        assertThat(new BerReader(Codec.hex("0a 01 03")).readIntInRange(BerTags.ENUMERATED, 0, 3, "x"))
                .isEqualTo(3);
        assertThatThrownBy(() -> new BerReader(Codec.hex("0a 01 04")).readIntInRange(BerTags.ENUMERATED, 0, 3, "x"))
                .isInstanceOf(BerException.class);
        assertThatThrownBy(() -> new BerReader(Codec.hex("0a 01 ff")).readIntInRange(BerTags.ENUMERATED, 0, 3, "x"))
                .isInstanceOf(BerException.class);
        assertThatThrownBy(() -> new BerReader(Codec.hex("02 01 03")).readIntInRange(BerTags.ENUMERATED, 0, 3, "x"))
                .as("wrong tag")
                .isInstanceOf(BerException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65535, 65536, 70000, 0xFFFFFF, 0x1000000})
    void octetStringLengths(int n) throws BerException {
        byte[] value = Codec.bytes(n);
        byte[] encoded = new BerWriter(1).octetString(value).toByteArray();
        String header = "04 " + Codec.berLength(n).replaceAll("(..)(?!$)", "$1 ");
        assertThat(hex(java.util.Arrays.copyOf(encoded, header.length() / 3 + 1)))
                .isEqualTo(header);
        BerReader r = new BerReader(encoded);
        assertThat(java.util.Arrays.equals(r.readOctetString(), value)).isTrue();
        assertThat(r.hasMore()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 128, 252, 253, 254, 255, 256, 65530, 65536, 70000, 0x1000000})
    void constructedLengthsAreFixedUpWhenTheyNeedMoreOctets(int n) throws BerException {
        byte[] value = Codec.bytes(n);
        byte[] encoded = new BerWriter(16)
                .begin(BerTags.SEQUENCE)
                .begin(BerTags.SET)
                .octetString(value)
                .end()
                .nullValue(0x80)
                .end()
                .toByteArray();
        BerReader outer = new BerReader(encoded);
        BerReader seq = outer.readSequence(BerTags.SEQUENCE);
        assertThat(outer.hasMore()).isFalse();
        BerReader set = seq.readSequence(BerTags.SET);
        assertThat(java.util.Arrays.equals(set.readOctetString(), value)).isTrue();
        set.expectEnd("the set");
        seq.readNull(0x80);
        seq.expectEnd("the sequence");
        assertThat(encoded[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void booleans() throws BerException {
        assertThat(hex(new BerWriter().bool(true).bool(false).toByteArray())).isEqualTo("01 01 ff 01 01 00");
        BerReader r = new BerReader(Codec.hex("01 01 ff 01 01 00 01 01 01"));
        assertThat(r.readBoolean()).isTrue();
        assertThat(r.readBoolean()).isFalse();
        assertThat(r.readBoolean()).as("any non-zero octet is TRUE in BER").isTrue();
        assertThatThrownBy(() -> new BerReader(Codec.hex("01 02 ff ff")).readBoolean())
                .isInstanceOf(BerException.class);
    }

    @Test
    void utf8Strings() throws BerException {
        assertThat(new BerReader(Codec.hex("04 03 e2 9c 93")).readUtf8()).isEqualTo("✓");
        assertThat(new BerReader(Codec.hex("04 04 f0 9f 98 80")).readUtf8()).isEqualTo("😀");
        assertThat(new BerReader(Codec.hex("04 00")).readUtf8()).isEmpty();
        assertThatThrownBy(() -> new BerReader(Codec.hex("04 02 c3 28")).readUtf8())
                .isInstanceOf(BerException.class);
        assertThatThrownBy(() -> new BerReader(Codec.hex("04 03 ed b0 80")).readUtf8())
                .isInstanceOf(BerException.class);
    }

    @Test
    void readerStaysInsideItsRegion() throws BerException {
        byte[] buf = Codec.hex("ff 04 01 61 ff");
        BerReader r = new BerReader(buf, 1, 3);
        assertThat(r.readOctetString()).containsExactly('a');
        assertThat(r.hasMore()).isFalse();
        assertThat(r.peekTag()).isEqualTo(-1);
        assertThatThrownBy(r::readTag).isInstanceOf(BerException.class);
        // a length that reaches past the region, though not past the array, is refused
        assertThatThrownBy(() -> new BerReader(buf, 1, 2).readOctetString()).isInstanceOf(BerException.class);
    }

    @Test
    void skipElement() throws BerException {
        BerReader r = new BerReader(Codec.hex("30 03 02 01 05 04 01 61"));
        r.skipElement();
        assertThat(r.readOctetString()).containsExactly('a');
    }

    @Test
    void unclosedElementCannotBeSerialized() {
        BerWriter w = new BerWriter().begin(BerTags.SEQUENCE);
        assertThatThrownBy(w::toByteArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deepNestingInTheWriter() throws BerException {
        BerWriter w = new BerWriter();
        for (int i = 0; i < 1000; i++) {
            w.begin(BerTags.SEQUENCE);
        }
        w.nullValue(BerTags.NULL);
        for (int i = 0; i < 1000; i++) {
            w.end();
        }
        BerReader r = new BerReader(w.toByteArray());
        for (int i = 0; i < 1000; i++) {
            r = r.readSequence(BerTags.SEQUENCE);
        }
        r.readNull(BerTags.NULL);
        r.expectEnd("the innermost sequence");
    }
}
