package dev.linden.protocol;

import java.util.List;

/**
 * An attribute description with its values as they travel, before any schema is applied: listed, or
 * (a huge group's members going out) read from a {@code source} as they are encoded, {@code values}
 * then empty.
 */
public record PartialAttribute(String type, List<byte[]> values, ValueSource source) {
    public PartialAttribute {
        values = List.copyOf(values);
    }

    public PartialAttribute(String type, List<byte[]> values) {
        this(type, values, null);
    }

    /** An attribute whose values the encoder reads from {@code source}. */
    public static PartialAttribute streamed(String type, ValueSource source) {
        return new PartialAttribute(type, List.of(), source);
    }
}
