package dev.linden.model.matching;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import java.util.List;

/**
 * A matching rule (RFC 4517): how values of a syntax compare. Values are compared through their
 * normalised form, a String, so equality is string equality, an index key is the normalised form,
 * and ordering is {@link #compare}.
 */
public interface MatchingRule {
    String oid();

    String name();

    /** The value's normalised form; an INVALID_ATTRIBUTE_SYNTAX exception when it is not valid for the rule. */
    String normalize(byte[] value, Schema schema) throws LdapException;

    /** Orders two normalised values. */
    default int compare(String a, String b) {
        return a.compareTo(b);
    }

    /** Normalises a substring assertion piece; insignificant spaces at its ends are kept significant. */
    default String normalizeSubstring(byte[] piece, Schema schema) throws LdapException {
        return normalize(piece, schema);
    }

    /** Whether a normalised value matches the substring pieces (each normalised by {@link #normalizeSubstring}). */
    default boolean matchesSubstrings(String value, String initial, List<String> any, String fin) {
        int from = 0;
        if (initial != null) {
            if (!value.startsWith(initial)) {
                return false;
            }
            from = initial.length();
        }
        for (String piece : any) {
            int at = value.indexOf(piece, from);
            if (at < 0) {
                return false;
            }
            from = at + piece.length();
        }
        if (fin != null) {
            return value.length() - from >= fin.length() && value.endsWith(fin);
        }
        return true;
    }
}
