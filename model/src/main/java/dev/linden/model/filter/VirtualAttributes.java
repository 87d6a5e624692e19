package dev.linden.model.filter;

import dev.linden.model.Attribute;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import java.util.List;

/** Attributes computed rather than stored (hasSubordinates, entryDN, ...), offered to filter evaluation. */
@FunctionalInterface
public interface VirtualAttributes {
    VirtualAttributes NONE = (entry, type) -> List.of();

    /** The computed attributes of this type for the entry; empty when the type is not computed. */
    List<Attribute> get(Entry entry, AttributeType type);
}
