package dev.linden.core.acl;

import dev.linden.backend.Backend;
import dev.linden.model.Dn;

/**
 * Whether an identity is a member of a group, directly or through nested groups, for access control.
 * The walk goes upwards from the identity through the member indexes (the backend's group graph), so
 * a group of any size costs index look-ups only.
 */
public final class GroupMembership {
    private static final int MAX_CACHED = 10_000;
    private final Backend backend;
    /** (identity, group) to the answer and the backend version it was computed at. */
    private final java.util.concurrent.ConcurrentHashMap<java.util.List<Dn>, long[]> cache =
            new java.util.concurrent.ConcurrentHashMap<>();

    public GroupMembership(Backend backend) {
        this.backend = backend;
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
        return backend.read(view -> view.groupsOf(identity, true).contains(group));
    }
}
