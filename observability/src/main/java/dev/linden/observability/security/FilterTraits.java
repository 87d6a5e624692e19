package dev.linden.observability.security;

import dev.linden.model.schema.SecretAttributes;
import dev.linden.protocol.filter.Filter;

/**
 * What a search filter says about the asker's intent, found in one walk of the filter: whether it
 * matches almost anything (enumeration), and which secret attribute it tests (a probe).
 */
final class FilterTraits {
    private FilterTraits() {}

    /**
     * Whether the filter selects broadly rather than looking something up: presence tests,
     * {@code (objectClass=...)}, substrings with fewer than two literal characters, ranges, negations,
     * an OR with a broad branch, an AND whose branches are all broad.
     */
    static boolean broad(Filter filter) {
        return switch (filter) {
            case Filter.Present p -> true;
            case Filter.Equality eq -> isObjectClass(eq.attribute());
            case Filter.Substrings s -> literalLength(s) < 2;
            case Filter.GreaterOrEqual g -> true;
            case Filter.LessOrEqual l -> true;
            case Filter.Not n -> true;
            case Filter.And and -> {
                for (Filter f : and.filters()) {
                    if (!broad(f)) {
                        yield false;
                    }
                }
                yield true; // (&) included: absolute true
            }
            case Filter.Or or -> {
                for (Filter f : or.filters()) {
                    if (broad(f)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Filter.Approx a -> false;
            case Filter.Extensible x -> false;
        };
    }

    /** The first secret attribute the filter tests (presence tests included), or null. */
    static String probedSecret(Filter filter, SecretAttributes secrets) {
        return switch (filter) {
            case Filter.And and -> first(and.filters(), secrets);
            case Filter.Or or -> first(or.filters(), secrets);
            case Filter.Not n -> probedSecret(n.filter(), secrets);
            case Filter.Equality eq -> secret(eq.attribute(), secrets);
            case Filter.Substrings s -> secret(s.attribute(), secrets);
            case Filter.GreaterOrEqual g -> secret(g.attribute(), secrets);
            case Filter.LessOrEqual l -> secret(l.attribute(), secrets);
            case Filter.Present p -> secret(p.attribute(), secrets);
            case Filter.Approx a -> secret(a.attribute(), secrets);
            case Filter.Extensible x -> secret(x.attribute(), secrets);
        };
    }

    private static String first(java.util.List<Filter> filters, SecretAttributes secrets) {
        for (Filter f : filters) {
            String s = probedSecret(f, secrets);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static String secret(String attribute, SecretAttributes secrets) {
        return secrets.isSecret(attribute) ? attribute : null;
    }

    private static boolean isObjectClass(String attribute) {
        return attribute.equalsIgnoreCase("objectClass") || attribute.equals("2.5.4.0");
    }

    private static int literalLength(Filter.Substrings s) {
        int n = s.initial() == null ? 0 : s.initial().length;
        for (byte[] any : s.any()) {
            n += any.length;
        }
        return n + (s.fin() == null ? 0 : s.fin().length);
    }
}
