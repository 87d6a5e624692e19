package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.core.alias.Aliases;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.SearchScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Dereferencing aliases in searching (derefInSearching, derefAlways), as slapd does: an alias met
 * below the base is not returned; the entry it leads to is, if it matches — for a one-level search
 * that entry alone, for a subtree search its whole subtree, aliases in it followed in turn. Aliases
 * that lead nowhere (dangling, circular) are passed over. Each entry is returned once: the targets
 * already in the search's own scope are left to it, and a target's subtree is walked (after the
 * scope, by the caller) without what earlier walks covered. At most {@link #MAX_TARGETS} targets.
 */
final class AliasesInSearch implements SearchRun.Before {
    static final int MAX_TARGETS = 1_000;

    private final Aliases aliases;
    private final Dn base;
    private final SearchScope scope;
    private final SearchRun.Before next;
    private final List<Dn> targets = new ArrayList<>();
    private final Deque<Dn> pending = new ArrayDeque<>();
    private Dn walking; // the target whose subtree is being walked; null while the search's own scope is

    /** @param next the hook for what is not an alias (referral objects), or {@link SearchRun.Before#NOTHING} */
    AliasesInSearch(Aliases aliases, Dn base, SearchScope scope, SearchRun.Before next) {
        this.aliases = aliases;
        this.base = base;
        this.scope = scope;
        this.next = next;
    }

    @Override
    public boolean handled(SearchRun run, long id, Entry entry, BackendView view) throws LdapException {
        Dn dn = entry.dn();
        if (walking != null && (inScope(dn) || walkedBefore(dn))) {
            return true; // returned by an earlier walk
        }
        boolean theBase = dn.equals(walking == null ? base : walking);
        if (theBase || !aliases.isAlias(entry)) {
            return next.handled(run, id, entry, view);
        }
        Dn target;
        try {
            target = aliases.resolve(view, dn);
        } catch (LdapException e) {
            return true; // dangling or circular: nothing to return
        }
        if (view.get(target) != null && !inScope(target) && !covered(target) && targets.size() < MAX_TARGETS) {
            targets.add(target);
            pending.add(target);
        }
        return true;
    }

    /** The next target to walk (with {@link #walkScope}), or null when none is left. */
    Dn next() {
        walking = pending.poll();
        return walking;
    }

    /** How a target is walked: alone for a one-level search, its subordinates for one of them, else its subtree. */
    SearchScope walkScope() {
        return switch (scope) {
            case BASE, ONE -> SearchScope.BASE;
            case SUB -> SearchScope.SUB;
            case SUBORDINATES -> SearchScope.SUBORDINATES;
        };
    }

    private boolean inScope(Dn dn) {
        return switch (scope) {
            case BASE -> dn.equals(base);
            case ONE -> base.equals(dn.parent());
            case SUB -> dn.isWithin(base);
            case SUBORDINATES -> dn.isWithin(base) && !dn.equals(base);
        };
    }

    /** Whether a target is one already taken, or (walked with its subtree) lies in one. */
    private boolean covered(Dn target) {
        for (Dn t : targets) {
            if (scope == SearchScope.ONE ? target.equals(t) : target.isWithin(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an entry met while walking a target was in the walk of a target taken before it. */
    private boolean walkedBefore(Dn dn) {
        for (Dn t : targets) {
            if (t.equals(walking)) {
                return false;
            }
            if (scope == SearchScope.ONE ? dn.equals(t) : dn.isWithin(t)) {
                return true;
            }
        }
        return false;
    }
}
