package dev.linden.model;

import dev.linden.model.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An attribute of an entry: its description and its values in the order they were added. Immutable. */
public final class Attribute {
    private final AttributeDescription description;
    private final List<byte[]> values;
    private List<String> normalized; // computed on first use: values can be invalid only if the schema changed

    public Attribute(AttributeDescription description, List<byte[]> values) {
        this.description = description;
        this.values = List.copyOf(values);
    }

    public AttributeDescription description() {
        return description;
    }

    public List<byte[]> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    /** The values normalised by the type's equality rule, in the order of {@link #values()}. */
    public List<String> normalizedValues(Schema schema) {
        List<String> n = normalized;
        if (n == null) {
            List<String> list = new ArrayList<>(values.size());
            for (byte[] v : values) {
                list.add(normalizeOrRaw(v, schema));
            }
            normalized = n = Collections.unmodifiableList(list);
        }
        return n;
    }

    /** A value the rule refuses (loaded without checks) gets a form no valid assertion can equal. */
    String normalizeOrRaw(byte[] v, Schema schema) {
        try {
            return description.type().normalize(v, schema);
        } catch (LdapException e) {
            return "\uFFFF" + new String(v, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether the attribute holds a value equal to {@code normalizedValue} under the equality rule. */
    public boolean containsNormalized(String normalizedValue, Schema schema) {
        return normalizedValues(schema).contains(normalizedValue);
    }

    public Attribute withValues(List<byte[]> newValues) {
        return new Attribute(description, newValues);
    }
}
