package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import java.util.Locale;

/**
 * integerFirstComponentMatch, objectIdentifierFirstComponentMatch and
 * directoryStringFirstComponentMatch: compare the first component of a description
 * {@code ( 1.2.3 NAME ... )} with the assertion (used on subschema attributes).
 */
record FirstComponentRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value).strip();
        if (s.startsWith("(")) {
            s = s.substring(1).strip();
            int end = 0;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ')') {
                end++;
            }
            s = s.substring(0, end);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
