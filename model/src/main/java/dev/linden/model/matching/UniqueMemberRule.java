package dev.linden.model.matching;

import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;

/** uniqueMemberMatch: a DN with an optional {@code #'0101'B} unique identifier. */
record UniqueMemberRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String s = StringPrep.utf8(value);
        String uid = "";
        int hash = s.lastIndexOf('#');
        if (hash >= 0 && s.substring(hash + 1).matches("'[01]*'B")) {
            uid = s.substring(hash);
            s = s.substring(0, hash);
        }
        try {
            return DnSyntax.parse(s, schema).normalized() + uid;
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, e.getMessage());
        }
    }
}
