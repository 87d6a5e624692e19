package dev.linden.protocol.filter;

/**
 * A search filter as RFC 4511 section 4.5.1 defines it, one record per choice. Values are the raw
 * assertion bytes; matching them is the model's job, under the schema.
 */
public sealed interface Filter
        permits Filter.And,
                Filter.Or,
                Filter.Not,
                Filter.Equality,
                Filter.Substrings,
                Filter.GreaterOrEqual,
                Filter.LessOrEqual,
                Filter.Present,
                Filter.Approx,
                Filter.Extensible {

    /** Filters may nest no deeper than this, in BER and in text alike, so a hostile filter cannot exhaust the stack. */
    int MAX_DEPTH = 100;

    record And(java.util.List<Filter> filters) implements Filter {
        public And {
            filters = java.util.List.copyOf(filters);
        }
    }

    record Or(java.util.List<Filter> filters) implements Filter {
        public Or {
            filters = java.util.List.copyOf(filters);
        }
    }

    record Not(Filter filter) implements Filter {}

    record Equality(String attribute, byte[] value) implements Filter {}

    /** A substring assertion; {@code initial} and {@code fin} are null when absent. */
    record Substrings(String attribute, byte[] initial, java.util.List<byte[]> any, byte[] fin) implements Filter {
        public Substrings {
            any = java.util.List.copyOf(any);
        }
    }

    record GreaterOrEqual(String attribute, byte[] value) implements Filter {}

    record LessOrEqual(String attribute, byte[] value) implements Filter {}

    record Present(String attribute) implements Filter {}

    record Approx(String attribute, byte[] value) implements Filter {}

    /** An extensible match; {@code matchingRule} and {@code attribute} may each be null, not both. */
    record Extensible(String matchingRule, String attribute, byte[] value, boolean dnAttributes) implements Filter {}

    static String toString(Filter filter) {
        return FilterText.format(filter);
    }
}
