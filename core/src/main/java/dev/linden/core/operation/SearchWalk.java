package dev.linden.core.operation;

import dev.linden.backend.Backend;
import dev.linden.backend.SearchSpec;
import dev.linden.core.AccessPolicy;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.alias.Aliases;
import dev.linden.core.referral.Referrals;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One search's walk over the store, with what it meets besides ordinary entries: the base found
 * through aliases (derefFindingBaseObj, derefAlways), referral objects in scope as continuation
 * references and a base at or below one as a referral (without ManageDsaIT), and aliases in scope
 * followed (derefInSearching, derefAlways) — their targets walked after the scope itself. The asker
 * may know only of the entries access lets them see; noSuchObject's matchedDN respects that.
 */
final class SearchWalk {
    private static final Filter REFERRAL = objectClass("referral");
    private static final Filter ALIAS = objectClass("alias");

    private final Backend backend;
    private final AccessPolicy access;
    private final Referrals referrals;
    private final Aliases aliases;

    SearchWalk(Backend backend, AccessPolicy access, Referrals referrals, Aliases aliases) {
        this.backend = backend;
        this.access = access;
        this.referrals = referrals;
        this.aliases = aliases;
    }

    /** The base the search starts from: the request's, or where its aliases lead when finding it dereferences them. */
    Dn base(Dn requested, DerefAliases deref) throws LdapException {
        if (deref != DerefAliases.FINDING_BASE && deref != DerefAliases.ALWAYS) {
            return requested;
        }
        LdapException[] failed = new LdapException[1];
        Dn base = backend.read(view -> {
            try {
                return aliases.resolve(view, requested);
            } catch (LdapException e) {
                failed[0] = e;
                return null;
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
        return base;
    }

    /** Walks the scope of {@code base}, then the targets of the aliases it met when they are followed. */
    void walk(
            AccessContext actx, Dn base, SearchRequest request, int unindexedLimit, SearchRun run, boolean manageDsaIt)
            throws LdapException {
        SearchRun.Before hook =
                manageDsaIt ? SearchRun.Before.NOTHING : new ReferralsInSearch(referrals, base, request.scope());
        boolean following =
                request.derefAliases() == DerefAliases.IN_SEARCHING || request.derefAliases() == DerefAliases.ALWAYS;
        AliasesInSearch targets = following ? new AliasesInSearch(aliases, base, request.scope(), hook) : null;
        run.before(targets != null ? targets : hook);
        // referral objects and aliases in scope are met whatever the filter, as slapd adds them to it
        Filter extra = extra(!manageDsaIt, following);
        SearchSpec spec = SearchSpec.of(base, request.scope(), request.filter(), unindexedLimit)
                .seeing(entry -> access.discloses(actx, entry))
                .alsoIndexed(extra);
        try {
            backend.search(spec, run);
        } catch (LdapException e) {
            if (e.code() == ResultCode.NO_SUCH_OBJECT && !manageDsaIt) {
                referrals.refer(backend, base, request.scope()); // missing below a referral object
            }
            throw e;
        }
        if (targets == null) {
            return;
        }
        for (Dn target = targets.next();
                target != null && !run.exceeded() && !run.abandoned();
                target = targets.next()) {
            try {
                backend.search(
                        SearchSpec.of(target, targets.walkScope(), request.filter(), unindexedLimit)
                                .seeing(entry -> access.discloses(actx, entry))
                                .alsoIndexed(extra),
                        run);
            } catch (LdapException e) {
                if (e.code() != ResultCode.NO_SUCH_OBJECT) { // gone since, or not for this asker: nothing to add
                    throw e;
                }
            }
        }
    }

    private static Filter extra(boolean referralObjects, boolean aliasEntries) {
        if (referralObjects && aliasEntries) {
            return new Filter.Or(List.of(REFERRAL, ALIAS));
        }
        return referralObjects ? REFERRAL : aliasEntries ? ALIAS : null;
    }

    private static Filter objectClass(String name) {
        return new Filter.Equality("objectClass", name.getBytes(StandardCharsets.UTF_8));
    }
}
