package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;

/**
 * wordMatch and keywordMatch: the assertion matches when it equals one word of the value. The
 * normalised form is the prepared value; {@link dev.linden.model.filter.FilterEvaluator} splits it.
 */
record WordRule(String oid, String name) implements MatchingRule {
    @Override
    public String normalize(byte[] value, Schema schema) throws LdapException {
        return StringPrep.prepare(StringPrep.utf8(value), true, true);
    }
}
