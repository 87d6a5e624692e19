package dev.linden.core.referral;

import dev.linden.backend.Backend;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.control.KnownControls;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.op.SearchResultReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Referral objects (RFC 3296) and the default referral, answered as slapd does: an operation whose
 * target is a referral object, or is missing below one, gets a referral result (matchedDN the referral
 * object) whose URLs name the target where the ref points; a search meets referral objects in its
 * scope as continuation references. With the ManageDsaIT control they are ordinary entries.
 */
public final class Referrals {
    private final ObjectClasses classes;
    private final AttributeType ref;
    private final List<String> defaults;

    /** @param defaults the URLs names outside every naming context are referred to (empty: none) */
    public Referrals(Schema schema, List<String> defaults) {
        this.classes = new ObjectClasses(schema, "referral");
        this.ref = schema.attributeType("ref");
        this.defaults = List.copyOf(defaults);
    }

    /** Whether the request asks to see referral objects as entries (ManageDsaIT, RFC 3296 3). */
    public static boolean manageDsaIt(OperationContext ctx) {
        return KnownControls.find(ctx.request().controls(), Oids.MANAGE_DSA_IT) != null;
    }

    /** Whether the entry is a referral object (its object classes include referral). */
    public boolean isReferral(Entry entry) {
        return classes.isA(entry);
    }

    /**
     * The referral result for an operation on {@code target}, which is {@code referralEntry} or lies
     * below it: each ref URL names the target there, with the search's scope when there is one.
     */
    public LdapException referral(Entry referralEntry, Dn target, SearchScope scope) {
        List<String> urls = new ArrayList<>();
        for (String url : referralEntry.strings(ref)) {
            urls.add(RefUrl.rewrite(url, relative(target, referralEntry.dn()), target, scope));
        }
        return LdapException.referral(referralEntry.dn().toString(), urls);
    }

    /** The continuation reference for a referral object met in a search of this scope (RFC 4511 4.5.3). */
    public SearchResultReference continuation(Entry referralEntry, SearchScope searchScope) {
        SearchScope next = searchScope == SearchScope.ONE ? SearchScope.BASE : SearchScope.SUB;
        List<String> urls = new ArrayList<>();
        for (String url : referralEntry.strings(ref)) {
            urls.add(RefUrl.rewrite(url, "", referralEntry.dn(), next));
        }
        return new SearchResultReference(urls);
    }

    /**
     * Refers an operation elsewhere when its target is a referral object, or is missing and its nearest
     * existing superior is one (slapd looks no further: an entry below a referral object is served).
     * Does nothing otherwise, and for names outside the naming contexts.
     */
    public void refer(Backend backend, Dn target, SearchScope scope) throws LdapException {
        if (backend.suffixOf(target) == null) {
            return;
        }
        Entry nearest = backend.read(view -> {
            for (Dn d = target; d != null && !d.isRoot() && backend.suffixOf(d) != null; d = d.parent()) {
                Entry e = view.get(d);
                if (e != null) {
                    return e;
                }
            }
            return null;
        });
        if (nearest != null && isReferral(nearest)) {
            throw referral(nearest, target, scope);
        }
    }

    /** For a name outside every naming context: the default referral when there is one, else noSuchObject. */
    public LdapException outside(Dn target, SearchScope scope) {
        if (defaults.isEmpty()) {
            return new LdapException(ResultCode.NO_SUCH_OBJECT, "");
        }
        List<String> urls = new ArrayList<>();
        for (String url : defaults) {
            urls.add(RefUrl.rewrite(url, "", target, scope));
        }
        return LdapException.referral("", urls);
    }

    /** The RDNs of {@code target} above {@code base}, as shown ("" when they are the same entry). */
    private static String relative(Dn target, Dn base) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < target.size() - base.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(target.rdns().get(i));
        }
        return sb.toString();
    }
}
