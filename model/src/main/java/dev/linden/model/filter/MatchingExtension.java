package dev.linden.model.filter;

import dev.linden.model.Entry;
import dev.linden.protocol.filter.Filter;

/**
 * Evaluates extensible matches whose rule needs more than the entry itself, such as Active
 * Directory's LDAP_MATCHING_RULE_IN_CHAIN, which walks group membership in the directory.
 */
@FunctionalInterface
public interface MatchingExtension {
    MatchingExtension NONE = (filter, entry) -> null;

    /** The result for this entry, or null when the extension does not handle this filter. */
    Tristate evaluate(Filter.Extensible filter, Entry entry);
}
