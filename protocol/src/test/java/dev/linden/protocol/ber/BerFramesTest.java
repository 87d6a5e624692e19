package dev.linden.protocol.ber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.Codec;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.op.DeleteRequest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BerFramesTest {

    /**
     * Feeds a real PDU one byte at a time: NEED_MORE until the header is complete, then the PDU's
     * exact size, however many more bytes are available.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, 120, 121, 122, 200, 250, 251, 300, 65000, 65530, 65531, 70000, 0x1000000})
    void headerFedOneByteAtATime(int dnLength) throws BerException {
        byte[] pdu = LdapEncoder.encode(new LdapMessage(1, new DeleteRequest(Codec.ascii(dnLength))));
        int headerLength = (pdu[1] & 0x80) == 0 ? 2 : 2 + (pdu[1] & 0x7F);
        for (int available = 0; available < headerLength; available++) {
            assertThat(BerFrames.elementLength(Arrays.copyOf(pdu, available), available))
                    .as("%d of %d header bytes", available, headerLength)
                    .isEqualTo(BerFrames.NEED_MORE);
        }
        for (int available = headerLength; available <= Math.min(pdu.length, headerLength + 8); available++) {
            assertThat(BerFrames.elementLength(Arrays.copyOf(pdu, available), available))
                    .isEqualTo(pdu.length);
        }
        // the header array may be bigger than what has arrived: only `available` counts
        assertThat(BerFrames.elementLength(pdu, headerLength - 1)).isEqualTo(BerFrames.NEED_MORE);
        assertThat(BerFrames.elementLength(pdu, pdu.length)).isEqualTo(pdu.length);
    }

    @Test
    void headerLengthsNeedingOneToFourOctets() throws BerException {
        assertThat(BerFrames.elementLength(Codec.hex("30 00"), 2)).isEqualTo(2);
        assertThat(BerFrames.elementLength(Codec.hex("30 7f"), 2)).isEqualTo(129);
        assertThat(BerFrames.elementLength(Codec.hex("30 81"), 2)).isEqualTo(BerFrames.NEED_MORE);
        assertThat(BerFrames.elementLength(Codec.hex("30 81 80"), 3)).isEqualTo(3 + 128);
        assertThat(BerFrames.elementLength(Codec.hex("30 81 ff"), 3)).isEqualTo(3 + 255);
        assertThat(BerFrames.elementLength(Codec.hex("30 82 01 00"), 3)).isEqualTo(BerFrames.NEED_MORE);
        assertThat(BerFrames.elementLength(Codec.hex("30 82 01 00"), 4)).isEqualTo(4 + 256);
        assertThat(BerFrames.elementLength(Codec.hex("30 83 01 11 70"), 5)).isEqualTo(5 + 70000);
        assertThat(BerFrames.elementLength(Codec.hex("30 84 00 00 00 05"), 5)).isEqualTo(BerFrames.NEED_MORE);
        assertThat(BerFrames.elementLength(Codec.hex("30 84 00 00 00 05"), 6)).isEqualTo(6 + 5);
        // the largest four-octet length is reported as it is; the transport's cap refuses it
        assertThat(BerFrames.elementLength(Codec.hex("30 84 ff ff ff ff"), 6)).isEqualTo(6 + 0xFFFFFFFFL);
    }

    @Test
    void nothingOrOneByteNeedsMore() throws BerException {
        assertThat(BerFrames.elementLength(new byte[6], 0)).isEqualTo(BerFrames.NEED_MORE);
        assertThat(BerFrames.elementLength(Codec.hex("30"), 1)).isEqualTo(BerFrames.NEED_MORE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x1F, 0x3F, 0x5F, 0x7F, 0x9F, 0xBF, 0xDF, 0xFF})
    void multiByteTagsThrow(int tag) {
        byte[] header = {(byte) tag, 0x05, 0x02, 0x01, 0x03, 0x42};
        assertThatThrownBy(() -> BerFrames.elementLength(header, 6)).isInstanceOf(BerException.class);
        assertThatThrownBy(() -> BerFrames.elementLength(header, 2)).isInstanceOf(BerException.class);
    }

    @Test
    void indefiniteLengthThrows() {
        assertThatThrownBy(() -> BerFrames.elementLength(Codec.hex("30 80 02 01 01 42"), 2))
                .isInstanceOf(BerException.class);
        assertThatThrownBy(() -> BerFrames.elementLength(Codec.hex("30 80 02 01 01 42"), 6))
                .isInstanceOf(BerException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x85, 0x86, 0x88, 0xFF})
    void lengthsOfMoreThanFourOctetsThrow(int first) {
        byte[] header = {0x30, (byte) first, 0, 0, 0, 0};
        // known to be too long as soon as the first length octet arrives
        assertThatThrownBy(() -> BerFrames.elementLength(header, 2)).isInstanceOf(BerException.class);
        assertThatThrownBy(() -> BerFrames.elementLength(header, 6)).isInstanceOf(BerException.class);
    }
}
