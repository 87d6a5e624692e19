package dev.linden.backend;

import dev.linden.model.Dn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backend holds and how: its suffixes, the attribute indexes (type name to kinds), and the
 * most entries an unindexed search may examine before it is refused (adminLimitExceeded).
 */
public record BackendConfig(List<Dn> suffixes, Map<String, Set<IndexKind>> indexes, int unindexedLimit) {
    public BackendConfig {
        suffixes = List.copyOf(suffixes);
        indexes = Map.copyOf(indexes);
    }

    /** The indexes every directory needs for its common look-ups. */
    public static Map<String, Set<IndexKind>> defaultIndexes() {
        Set<IndexKind> eq = Set.of(IndexKind.EQUALITY);
        Set<IndexKind> eqSub = Set.of(IndexKind.EQUALITY, IndexKind.SUBSTRING);
        return Map.of("objectClass", eq, "uid", eq, "cn", eqSub, "sn", eqSub, "mail", eqSub, "member", eq,
                "uniqueMember", eq, "entryUUID", eq, "givenName", eqSub, "memberOf", eq);
    }
}
