package dev.linden.core.acl;

import dev.linden.backend.Backend;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether an identity is a member of a group, directly or through nested groups. It walks upwards:
 * the groups whose member (or uniqueMember) names the identity, found through the equality index,
 * then the groups that name those, and so on, so a group of any size costs index look-ups only.
 * Cycles end; the walk is bounded.
 */
public final class GroupMembership {
    private static final int MAX_GROUPS = 1000;
    private static final int MAX_CACHED = 10_000;
    private final Backend backend;
    private final Schema schema;
    /** (identity, group) to the answer and the backend version it was computed at. */
    private final java.util.concurrent.ConcurrentHashMap<java.util.List<Dn>, long[]> cache =
            new java.util.concurrent.ConcurrentHashMap<>();

    public GroupMembership(Backend backend, Schema schema) {
        this.backend = backend;
        this.schema = schema;
    }

    /** Answers from a cache while the directory has not changed since (any write clears it in effect). */
    public boolean isMember(Dn identity, Dn group) {
        long version = backend.version();
        java.util.List<Dn> key = java.util.List.of(identity, group);
        long[] known = cache.get(key);
        if (known != null && known[0] == version) {
            return known[1] == 1;
        }
        boolean member = resolve(identity, group);
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new long[] {version, member ? 1 : 0});
        return member;
    }

    private boolean resolve(Dn identity, Dn group) {
        Set<Dn> seen = new HashSet<>();
        List<Dn> frontier = List.of(identity);
        while (!frontier.isEmpty() && seen.size() < MAX_GROUPS) {
            List<Dn> next = new ArrayList<>();
            for (Dn dn : frontier) {
                for (Dn parent : groupsNaming(dn)) {
                    if (parent.equals(group)) {
                        return true;
                    }
                    if (seen.add(parent)) {
                        next.add(parent);
                    }
                }
            }
            frontier = next;
        }
        return false;
    }

    /** The groups that list this DN as a member. */
    private List<Dn> groupsNaming(Dn dn) {
        byte[] value = dn.toString().getBytes(StandardCharsets.UTF_8);
        Filter filter = new Filter.Or(List.of(new Filter.Equality("member", value), new Filter.Equality("uniqueMember", value)));
        FilterEvaluator evaluator = new FilterEvaluator(schema);
        List<Dn> groups = new ArrayList<>();
        for (Dn suffix : backend.config().suffixes()) {
            try {
                backend.search(suffix, SearchScope.SUB, filter, true, (id, entry, stored, view) -> {
                    if (evaluator.matches(filter, entry)) {
                        groups.add(entry.dn());
                    }
                    return groups.size() < MAX_GROUPS;
                });
            } catch (LdapException e) {
                // an empty or missing suffix holds no groups
            }
        }
        return groups;
    }
}
