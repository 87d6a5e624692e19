package dev.linden.model.matching;

import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;

/** octetStringMatch and ordering: the bytes themselves (held one char per byte). */
record OctetStringRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) {
        return new String(value, StandardCharsets.ISO_8859_1);
    }
}
