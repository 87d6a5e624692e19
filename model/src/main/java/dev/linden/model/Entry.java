package dev.linden.model;

import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory entry: a DN and attributes keyed by their canonical description. A working copy:
 * operations build a modified copy and hand it to the backend whole.
 */
public final class Entry {
    private Dn dn;
    private final Map<String, Attribute> attributes;
    /** Whether an attribute with options (cn;lang-de) was ever put: then lookups must walk. */
    private boolean withOptions;

    public Entry(Dn dn) {
        this.dn = dn;
        this.attributes = new LinkedHashMap<>();
    }

    /** An entry that will hold about {@code expectedAttributes} attributes (its table is not grown on the way). */
    public Entry(Dn dn, int expectedAttributes) {
        this.dn = dn;
        this.attributes = LinkedHashMap.newLinkedHashMap(expectedAttributes);
    }

    private Entry(Dn dn, Map<String, Attribute> attributes, boolean withOptions) {
        this.dn = dn;
        this.attributes = new LinkedHashMap<>(attributes);
        this.withOptions = withOptions;
    }

    public Entry copy() {
        return new Entry(dn, attributes, withOptions);
    }

    public Dn dn() {
        return dn;
    }

    public void setDn(Dn dn) {
        this.dn = dn;
    }

    public Collection<Attribute> attributes() {
        return attributes.values();
    }

    public Attribute get(AttributeDescription description) {
        return attributes.get(description.key());
    }

    /** The attribute of exactly this type without options, or null. */
    public Attribute get(AttributeType type) {
        return attributes.get(type.name());
    }

    /** The attribute of this type (by name or OID, no options), or null. */
    public Attribute get(String typeName, Schema schema) {
        AttributeType type = schema.attributeType(typeName);
        return type == null ? null : get(type);
    }

    /** Every attribute whose description {@code requested} covers (subtypes and options included). */
    public List<Attribute> matching(AttributeDescription requested) {
        if (!withOptions && !requested.type().hasSubtypes()) {
            // the common case: one key to look up, nothing to walk
            Attribute a = requested.options().isEmpty() ? attributes.get(requested.key()) : null;
            return a == null ? List.of() : List.of(a);
        }
        List<Attribute> result = new ArrayList<>(2);
        for (Attribute a : attributes.values()) {
            if (requested.covers(a.description())) {
                result.add(a);
            }
        }
        return result;
    }

    /** Puts the attribute in place of the one with its description; an attribute without values removes it. */
    public void put(Attribute attribute) {
        withOptions |= !attribute.description().options().isEmpty();
        if (attribute.isEmpty()) {
            attributes.remove(attribute.description().key());
        } else {
            attributes.put(attribute.description().key(), attribute);
        }
    }

    public void put(AttributeType type, String... values) {
        List<byte[]> bytes = new ArrayList<>(values.length);
        for (String v : values) {
            bytes.add(v.getBytes(StandardCharsets.UTF_8));
        }
        put(new Attribute(AttributeDescription.of(type), bytes));
    }

    public void remove(AttributeDescription description) {
        attributes.remove(description.key());
    }

    public boolean has(AttributeType type) {
        return attributes.containsKey(type.name());
    }

    /** The first value of an attribute as a string, or null. */
    public String firstString(AttributeType type) {
        Attribute a = get(type);
        return a == null || a.values().isEmpty() ? null : new String(a.values().get(0), StandardCharsets.UTF_8);
    }

    /** The values of this attribute as strings (empty when absent). */
    public List<String> strings(AttributeType type) {
        Attribute a = get(type);
        if (a == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(a.size());
        for (byte[] v : a.values()) {
            list.add(new String(v, StandardCharsets.UTF_8));
        }
        return list;
    }

    @Override
    public String toString() {
        return "Entry[" + dn + ", " + attributes.keySet() + "]";
    }
}
