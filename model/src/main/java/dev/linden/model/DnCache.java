package dev.linden.model;

import dev.linden.model.schema.Schema;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed DNs by their text, for the DNs clients send again and again (search bases, bind names).
 * Bounded: when full it starts over, so hostile clients sending endless distinct names cannot grow it.
 */
public final class DnCache {
    private final Schema schema;
    private final int capacity;
    private final ConcurrentHashMap<String, Dn> parsed = new ConcurrentHashMap<>();

    public DnCache(Schema schema, int capacity) {
        this.schema = schema;
        this.capacity = capacity;
    }

    public Dn parse(String text) throws LdapException {
        Dn dn = parsed.get(text);
        if (dn == null) {
            dn = DnSyntax.parse(text, schema); // invalid DNs throw and are not cached
            if (parsed.size() >= capacity) {
                parsed.clear();
            }
            parsed.put(text, dn);
        }
        return dn;
    }
}
