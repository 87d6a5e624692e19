package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;

/** booleanMatch: TRUE or FALSE. */
record BooleanRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value).strip();
        if (s.equals("TRUE") || s.equals("FALSE")) {
            return s;
        }
        throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not TRUE or FALSE");
    }
}
