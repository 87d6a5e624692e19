package dev.linden.backend;

import dev.linden.model.Dn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backend holds and how: its suffixes, the attribute indexes (type name to kinds), the
 * most entries an unindexed search may examine before it is refused (adminLimitExceeded), and the
 * number of slots of the decoded-entry cache.
 */
public record BackendConfig(List<Dn> suffixes, Map<String, Set<IndexKind>> indexes, int unindexedLimit,
        int entryCacheSize) {
    /** Slots of the decoded-entry cache: a directory of this many entries is served from memory once warm. */
    public static final int DEFAULT_ENTRY_CACHE = 131_072;

    public BackendConfig {
        suffixes = List.copyOf(suffixes);
        indexes = Map.copyOf(indexes);
    }

    public BackendConfig(List<Dn> suffixes, Map<String, Set<IndexKind>> indexes, int unindexedLimit) {
        this(suffixes, indexes, unindexedLimit, DEFAULT_ENTRY_CACHE);
    }

    /** The indexes every directory needs for its common look-ups. */
    public static Map<String, Set<IndexKind>> defaultIndexes() {
        Set<IndexKind> eq = Set.of(IndexKind.EQUALITY);
        Set<IndexKind> eqSub = Set.of(IndexKind.EQUALITY, IndexKind.SUBSTRING);
        return Map.of("objectClass", eq, "uid", eq, "cn", eqSub, "sn", eqSub, "mail", eqSub, "member", eq,
                "uniqueMember", eq, "entryUUID", eq, "givenName", eqSub, "memberOf", eq);
    }
}
