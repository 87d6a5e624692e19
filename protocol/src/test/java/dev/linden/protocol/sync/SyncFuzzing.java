package dev.linden.protocol.sync;

import dev.linden.protocol.Codec;
import dev.linden.protocol.ber.BerException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What the four Sync fuzz targets check of a decoder: only a BerException comes out of arbitrary
 * bytes, and what decodes encodes to bytes that decode to an equal value and encode the same again
 * (the first encoding may differ from the input: an explicit DEFAULT or a TRUE other than 0xff).
 */
final class SyncFuzzing {
    interface Decoder<T> {
        T decode(byte[] value) throws BerException;
    }

    private SyncFuzzing() {}

    static <T> void check(byte[] input, Decoder<T> decoder, Function<T, byte[]> encoder) {
        T value;
        try {
            value = decoder.decode(input);
        } catch (BerException refused) {
            return;
        }
        byte[] first = encoder.apply(value);
        T again;
        try {
            again = decoder.decode(first);
        } catch (BerException e) {
            throw new AssertionError("the encoding of a decoded value does not decode: " + e.getMessage()
                    + "\ninput:   " + Codec.hex(input) + "\nencoded: " + Codec.hex(first));
        }
        byte[] second = encoder.apply(again);
        if (!again.equals(value) || !Arrays.equals(first, second)) {
            throw new AssertionError("re-encoding differs\ninput:  " + Codec.hex(input) + "\nfirst:  "
                    + Codec.hex(first) + "\nsecond: " + Codec.hex(second) + "\nvalues: " + value + " / " + again);
        }
    }
}
