package dev.linden.backend;

import dev.linden.model.Dn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the backend holds and how: its suffixes, the attribute indexes (type name to kinds), the
 * most entries an unindexed search may examine before it is refused (adminLimitExceeded), the
 * bytes of heap the decoded-entry cache may hold (0: none), the DN attributes kept in step when an entry is
 * renamed or deleted (referential integrity), and the attribute types whose values are kept apart
 * from the entry record, one key each, once an attribute has more than {@code largeValueThreshold}
 * of them (huge groups: see {@link LargeAttributes}).
 */
public record BackendConfig(
        List<Dn> suffixes,
        Map<String, Set<IndexKind>> indexes,
        int unindexedLimit,
        long entryCacheBytes,
        List<String> referentialIntegrity,
        List<String> largeValueTypes,
        int largeValueThreshold) {
    /** The decoded-entry cache's budget when none is configured (bin/linden's heap sizing assumes the same). */
    public static final long DEFAULT_ENTRY_CACHE_BYTES = 32L << 20;
    /** The types whose values may be kept apart: group members. */
    public static final List<String> DEFAULT_LARGE_VALUE_TYPES = List.of("member", "uniqueMember");
    /** Values past which an attribute keeps them apart. */
    public static final int DEFAULT_LARGE_VALUE_THRESHOLD = 128;

    public BackendConfig {
        suffixes = List.copyOf(suffixes);
        indexes = Map.copyOf(indexes);
        referentialIntegrity = List.copyOf(referentialIntegrity);
        largeValueTypes = List.copyOf(largeValueTypes);
        if (entryCacheBytes < 0) {
            throw new IllegalArgumentException("entryCacheBytes must be 0 or more");
        }
        if (largeValueThreshold < 0) {
            throw new IllegalArgumentException("largeValueThreshold must be 0 or more");
        }
    }

    /** With the default types and threshold for values kept apart. */
    public BackendConfig(
            List<Dn> suffixes,
            Map<String, Set<IndexKind>> indexes,
            int unindexedLimit,
            long entryCacheBytes,
            List<String> referentialIntegrity) {
        this(
                suffixes,
                indexes,
                unindexedLimit,
                entryCacheBytes,
                referentialIntegrity,
                DEFAULT_LARGE_VALUE_TYPES,
                DEFAULT_LARGE_VALUE_THRESHOLD);
    }

    /** Without referential integrity (tests of the tree alone). */
    public BackendConfig(List<Dn> suffixes, Map<String, Set<IndexKind>> indexes, int unindexedLimit) {
        this(suffixes, indexes, unindexedLimit, DEFAULT_ENTRY_CACHE_BYTES, List.of());
    }

    /** The indexes every directory needs for its common look-ups. */
    public static Map<String, Set<IndexKind>> defaultIndexes() {
        Set<IndexKind> eq = Set.of(IndexKind.EQUALITY);
        Set<IndexKind> eqSub = Set.of(IndexKind.EQUALITY, IndexKind.SUBSTRING);
        return Map.ofEntries(
                Map.entry("objectClass", eq),
                Map.entry("uid", eq),
                Map.entry("cn", eqSub),
                Map.entry("sn", eqSub),
                Map.entry("mail", eqSub),
                Map.entry("givenName", eqSub),
                Map.entry("entryUUID", eq),
                // the DN attributes kept in step by referential integrity, and read for memberOf
                Map.entry("member", eq),
                Map.entry("uniqueMember", eq),
                Map.entry("owner", eq),
                Map.entry("seeAlso", eq),
                Map.entry("manager", eq));
    }
}
