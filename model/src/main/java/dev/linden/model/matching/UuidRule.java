package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.Locale;

/** uuidMatch and uuidOrderingMatch (RFC 4530). */
record UuidRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value).strip().toLowerCase(Locale.ROOT);
        if (!s.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not a UUID");
        }
        return s;
    }
}
