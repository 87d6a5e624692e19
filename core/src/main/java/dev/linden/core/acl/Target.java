package dev.linden.core.acl;

import dev.linden.model.Dn;
import dev.linden.model.schema.AttributeType;
import dev.linden.protocol.filter.Filter;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an access rule is about: entries in a subtree, entries whose normalised DN matches a pattern,
 * entries matching a filter (all given conditions must hold), and either every attribute and the
 * entry itself ({@code attributes} empty) or the listed attribute types (subtypes included) and,
 * with {@code entry}, the entry itself.
 */
public record Target(Dn subtree, Pattern dnPattern, Filter filter, Set<AttributeType> attributes, boolean entry) {
    public Target {
        attributes = Set.copyOf(attributes);
    }

    public boolean coversAllAttributes() {
        return attributes.isEmpty();
    }

    public boolean coversEntry() {
        return attributes.isEmpty() || entry;
    }

    public boolean covers(AttributeType type) {
        if (attributes.isEmpty()) {
            return true;
        }
        for (AttributeType t = type; t != null; t = t.superior()) {
            if (attributes.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
