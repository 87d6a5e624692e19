package dev.linden.backend;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import java.util.function.Predicate;

/**
 * What a backend search walks: the base, scope and filter that choose candidates, the most entries an
 * unindexed search may examine (0: no limit, for the administrator and offline tools), and which
 * entries the asker may know exist — a base they may not see answers noSuchObject, and matchedDN
 * names the nearest ancestor they may see, all found in the search's own transaction.
 * {@code alsoIndexed}, when set, names entries the walk hands over besides the filter's candidates,
 * found through the indexes only (referral objects and aliases, which a search meets whatever its
 * filter); it is ignored when no index answers it, or when the scope is listed anyway.
 */
public record SearchSpec(
        Dn base, SearchScope scope, Filter filter, int unindexedLimit, Predicate<Entry> visible, Filter alsoIndexed) {
    private static final Predicate<Entry> EVERYTHING = e -> true;

    /** A search that sees every entry (the server's own view). */
    public static SearchSpec of(Dn base, SearchScope scope, Filter filter, int unindexedLimit) {
        return new SearchSpec(base, scope, filter, unindexedLimit, EVERYTHING, null);
    }

    /** This search, for an asker who may know only of the entries {@code visible} accepts. */
    public SearchSpec seeing(Predicate<Entry> visible) {
        return new SearchSpec(base, scope, filter, unindexedLimit, visible, alsoIndexed);
    }

    /** This search, also handing over the entries {@code extra} finds through the indexes (null: none). */
    public SearchSpec alsoIndexed(Filter extra) {
        return new SearchSpec(base, scope, filter, unindexedLimit, visible, extra);
    }
}
