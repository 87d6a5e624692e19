package dev.linden.model.schema;

import java.util.List;
import java.util.Map;

/**
 * One RFC 4512 description as parsed, before names are resolved: its OID, its fields (keyword to
 * values; flags map to an empty list), the text it came from and where.
 */
public record SchemaDefinition(String oid, Map<String, List<String>> fields, String text, String origin) {
    public List<String> values(String keyword) {
        return fields.getOrDefault(keyword, List.of());
    }

    public String value(String keyword) {
        List<String> v = values(keyword);
        return v.isEmpty() ? null : v.get(0);
    }

    public boolean flag(String keyword) {
        return fields.containsKey(keyword);
    }
}
