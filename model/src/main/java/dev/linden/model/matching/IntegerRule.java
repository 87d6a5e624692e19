package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.math.BigInteger;

/**
 * integerMatch and integerOrderingMatch: values compared as numbers of any size. The value must be
 * in the INTEGER syntax of RFC 4517 3.3.16, as slapd checks it: no spaces, no leading zero, no "-0".
 */
record IntegerRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value);
        if (!s.matches("0|-?[1-9][0-9]*")) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "value is not an integer");
        }
        if (s.length() > 1000) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "integer too long");
        }
        return new BigInteger(s).toString();
    }

    @Override
    public int compare(String a, String b) {
        boolean negA = a.startsWith("-");
        boolean negB = b.startsWith("-");
        if (negA != negB) {
            return negA ? -1 : 1;
        }
        int byMagnitude = a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        return negA ? -byMagnitude : byMagnitude;
    }
}
