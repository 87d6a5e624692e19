package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * objectIdentifierMatch: a numeric OID or a name the schema knows; names resolve to their OID so
 * {@code objectClass=Person} and {@code objectClass=2.5.6.6} are the same assertion.
 */
record ObjectIdentifierRule(String oid, String name) implements MatchingRule {
    /** numericoid or descr (RFC 4512 section 1.4). */
    private static final Pattern OID = Pattern.compile("(?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))+|[a-z][a-z0-9-]*");

    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value).strip().toLowerCase(Locale.ROOT);
        if (!OID.matcher(s).matches()) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not an OID or a name");
        }
        String resolved = schema == null ? null : schema.resolveOid(s);
        return resolved != null ? resolved : s;
    }
}
