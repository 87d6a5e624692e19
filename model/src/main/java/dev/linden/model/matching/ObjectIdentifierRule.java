package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.Locale;

/**
 * objectIdentifierMatch: a numeric OID or a name the schema knows; names resolve to their OID so
 * {@code objectClass=Person} and {@code objectClass=2.5.6.6} are the same assertion.
 */
record ObjectIdentifierRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value).strip().toLowerCase(Locale.ROOT);
        if (!isOidOrName(s)) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not an OID or a name");
        }
        String resolved = schema == null ? null : schema.resolveOid(s);
        return resolved != null ? resolved : s;
    }

    /**
     * numericoid or descr (RFC 4512 section 1.4), lower-case: {@code 1.2.840} (two or more numbers
     * without leading zeros) or {@code inetorgperson} (a letter, then letters, digits and hyphens).
     * Checked by hand: every objectClass value of every add and search filter comes here.
     */
    static boolean isOidOrName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char first = s.charAt(0);
        if (first >= 'a' && first <= 'z') {
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
            return true;
        }
        int numbers = 0;
        int i = 0;
        while (true) {
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || (s.charAt(start) == '0' && i - start > 1)) {
                return false; // an empty number, or one with a leading zero
            }
            numbers++;
            if (i == s.length()) {
                return numbers >= 2;
            }
            if (s.charAt(i++) != '.') {
                return false;
            }
        }
    }
}
