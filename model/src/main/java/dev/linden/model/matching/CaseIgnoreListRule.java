package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;

/** caseIgnoreListMatch (postal addresses): lines separated by '$', each compared ignoring case. */
record CaseIgnoreListRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        String[] lines = StringPrep.utf8(value).split("\\$", -1);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (!sb.isEmpty()) {
                sb.append('$');
            }
            sb.append(StringPrep.prepare(line, true, true));
        }
        return sb.toString();
    }
}
