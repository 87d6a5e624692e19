package dev.linden.backend;

import dev.linden.model.Dn;
import java.util.Set;

/**
 * Group membership through nesting as the search planner needs it, in the search's transaction and
 * as the server sees it (dynamic groups select everything their URLs match).
 */
interface MembershipLookups {
    /** Everything a group reaches through its members and nested groups. */
    Set<Dn> members(BackendTx tx, Dn group);

    /** Every group that reaches this DN, directly or through nested groups. */
    Set<Dn> groupsOf(BackendTx tx, Dn member);
}
