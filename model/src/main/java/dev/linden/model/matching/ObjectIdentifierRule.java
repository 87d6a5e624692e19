package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import java.util.Locale;

/**
 * objectIdentifierMatch: a numeric OID or a name the schema knows; names resolve to their OID so
 * {@code objectClass=Person} and {@code objectClass=2.5.6.6} are the same assertion.
 */
record ObjectIdentifierRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value).strip().toLowerCase(Locale.ROOT);
        String resolved = schema == null ? null : schema.resolveOid(s);
        return resolved != null ? resolved : s;
    }
}
