package dev.linden.model;

import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An attribute description (RFC 4512 section 2.5): a type and options such as {@code lang-de} or
 * {@code binary}. The key is the canonical type name plus the sorted, lower-cased options, so
 * {@code CN;Lang-DE} and {@code 2.5.4.3;lang-de} share one key.
 */
public record AttributeDescription(AttributeType type, Set<String> options, String given, String key) {

    public static AttributeDescription parse(String text, Schema schema) throws LdapException {
        AttributeDescription d = tryParse(text, schema);
        if (d == null) {
            throw new LdapException(ResultCode.UNDEFINED_ATTRIBUTE_TYPE, text + ": attribute type undefined");
        }
        return d;
    }

    /** The description, or null when the schema does not define its type. */
    public static AttributeDescription tryParse(String text, Schema schema) {
        return schema.description(text, t -> parseUncached(t, schema));
    }

    private static AttributeDescription parseUncached(String text, Schema schema) {
        int semi = text.indexOf(';');
        String typeName = semi < 0 ? text : text.substring(0, semi);
        AttributeType type = schema.attributeType(typeName);
        if (type == null) {
            return null;
        }
        Set<String> options = Set.of();
        StringBuilder key = new StringBuilder(type.name());
        // responses name the type as the schema does, with the options as the client wrote them
        String canonical = semi < 0 ? type.displayName() : type.displayName() + text.substring(semi);
        if (semi >= 0) {
            TreeSet<String> sorted = new TreeSet<>();
            for (String o : text.substring(semi + 1).split(";")) {
                if (!o.isEmpty()) {
                    sorted.add(o.toLowerCase(Locale.ROOT));
                }
            }
            options = Set.copyOf(sorted);
            for (String o : sorted) {
                key.append(';').append(o);
            }
        }
        return new AttributeDescription(type, options, canonical, key.toString());
    }

    public static AttributeDescription of(AttributeType type) {
        return new AttributeDescription(type, Set.of(), type.displayName(), type.name());
    }

    /** Whether an attribute with description {@code other} is matched by this one as a request or assertion. */
    public boolean covers(AttributeDescription other) {
        return other.type.isSubtypeOf(type) && other.options.containsAll(options);
    }

    @Override
    public String toString() {
        return given;
    }
}
