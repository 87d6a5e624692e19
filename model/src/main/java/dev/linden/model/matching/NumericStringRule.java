package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;

/**
 * numericString and telephoneNumber matching: spaces (and for telephone numbers, hyphens) are
 * insignificant; a numeric string holds digits and spaces only.
 */
record NumericStringRule(String oid, String name, boolean telephone) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value);
        if (s.isEmpty()) { // both syntaxes need one character at least (RFC 4517 3.3.23, 3.3.31)
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is empty");
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || (telephone && (c == '-' || c == '\u2010' || c == '\u2011'))) {
                continue;
            }
            if (!telephone && (c < '0' || c > '9')) {
                throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not a numeric string");
            }
            sb.append(telephone ? Character.toLowerCase(c) : c);
        }
        return sb.toString();
    }
}
