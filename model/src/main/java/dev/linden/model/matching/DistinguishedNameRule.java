package dev.linden.model.matching;

import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;

/** distinguishedNameMatch: both DNs parsed and normalised under the schema. */
record DistinguishedNameRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        try {
            return DnSyntax.parse(StringPrep.utf8(value), schema).normalized();
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, e.getMessage());
        }
    }
}
