package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;

/** caseIgnore, caseExact and their IA5 variants: prepared strings compared as text. */
record StringRule(String oid, String name, boolean foldCase, boolean ia5Only) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        return StringPrep.prepare(check(value), foldCase, true);
    }

    @Override
    public String normalizeSubstring(byte[] piece, Schema schema) throws LdapException {
        return StringPrep.prepare(check(piece), foldCase, false);
    }

    @Override
    public boolean matchesSubstrings(String value, String initial, java.util.List<String> any, String fin) {
        // Spaces inside a piece fold like the value's; a piece that is only spaces matches a space.
        return MatchingRule.super.matchesSubstrings(value, initial, any, fin);
    }

    private String check(byte[] value) throws LdapException {
        if (!ia5Only && value.length == 0) { // a Directory String has at least one character (RFC 4517 3.3.6)
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is empty");
        }
        if (ia5Only) {
            for (byte b : value) {
                if (b < 0) {
                    throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not an IA5 string");
                }
            }
        }
        return StringPrep.utf8(value);
    }
}
