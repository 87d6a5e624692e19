package dev.linden.protocol;

import java.util.List;

/** An attribute description with its values as they travel, before any schema is applied. */
public record PartialAttribute(String type, List<byte[]> values) {
    public PartialAttribute {
        values = List.copyOf(values);
    }
}
