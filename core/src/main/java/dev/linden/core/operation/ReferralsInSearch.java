package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.core.referral.Referrals;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.SearchScope;

/**
 * Referral objects met by a search without ManageDsaIT (RFC 3296 5.2, slapd's back-mdb): the base
 * itself answers the search with a referral; any other, whatever the filter, is a continuation
 * reference (to an asker who may know it exists) and is not returned as an entry.
 */
final class ReferralsInSearch implements SearchRun.Before {
    private final Referrals referrals;
    private final Dn base;
    private final SearchScope scope;

    ReferralsInSearch(Referrals referrals, Dn base, SearchScope scope) {
        this.referrals = referrals;
        this.base = base;
        this.scope = scope;
    }

    @Override
    public boolean handled(SearchRun run, long id, Entry entry, BackendView view) throws LdapException {
        if (!referrals.isReferral(entry)) {
            return false;
        }
        if (entry.dn().equals(base)) {
            throw referrals.referral(entry, base, scope);
        }
        if (run.discloses(entry)) {
            run.send(referrals.continuation(entry, scope));
        }
        return true;
    }
}
