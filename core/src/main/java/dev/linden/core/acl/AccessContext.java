package dev.linden.core.acl;

import dev.linden.core.Session;
import dev.linden.model.Dn;
import java.util.HashMap;
import java.util.Map;

/**
 * The asker of one operation: the session's identity and connection, with group memberships
 * remembered for the length of the operation (a search asks about the same groups for every entry).
 */
public final class AccessContext {
    private final Session session;
    private final Dn identity;
    private final GroupMembership groups;
    private final Map<Dn, Boolean> memberOf = new HashMap<>();

    AccessContext(Session session, Dn identity, GroupMembership groups) {
        this.session = session;
        this.identity = identity;
        this.groups = groups;
    }

    public Session session() {
        return session;
    }

    /** The identity the operation runs as (the bound DN; the empty DN when anonymous). */
    public Dn identity() {
        return identity;
    }

    public boolean isAnonymous() {
        return identity.isRoot();
    }

    boolean isMemberOf(Dn group) {
        if (isAnonymous()) {
            return false;
        }
        return memberOf.computeIfAbsent(group, g -> groups.isMember(identity, g));
    }
}
