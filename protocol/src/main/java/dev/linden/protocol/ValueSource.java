package dev.linden.protocol;

import dev.linden.protocol.ber.BerWriter;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Values of an attribute read as they are sent, not held: a huge group's members, which a search
 * returning the group streams to the socket ({@link StreamedEntryEncoder}).
 */
public interface ValueSource {
    /**
     * Hands each value to {@code each}, as a view valid during the call only. The values agree with
     * {@link #encodedLength} asked just before, and two calls in a row see the same values in the same
     * order (the encoder asks the length first, then writes the values).
     */
    void forEachValue(Consumer<ByteBuffer> each);

    /** Hands each value's length to {@code each}, in the order of {@link #forEachValue}. */
    default void forEachLength(IntConsumer each) {
        forEachValue(v -> each.accept(v.remaining()));
    }

    /**
     * The bytes of the values' BER OCTET STRINGs together (the content of the SET that holds them),
     * as {@link #forEachValue} would give them now; by default, counted by a pass over their lengths.
     */
    default long encodedLength() {
        long[] sum = {0};
        forEachLength(n -> sum[0] += BerWriter.elementLength(n));
        return sum[0];
    }
}
