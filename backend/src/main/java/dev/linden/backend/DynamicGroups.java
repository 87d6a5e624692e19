package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.LdapUrl;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dynamic groups (groupOfURLs): their members are the entries their memberURL values select (base,
 * scope and filter of an LDAP URL), computed in the transaction that asks, through the indexes where
 * the filter allows and by a bounded scan where it does not. Its planner answers from the indexes
 * alone: a memberURL filter on memberOf is left to the scan (and memberOf, being computed, never
 * matches there), so group walks and dynamic groups never call each other in a circle.
 */
final class DynamicGroups {
    private final Schema schema;
    private final AttributeType memberUrl;
    private final AttributeType objectClass;
    private final ObjectClass groupOfUrls;
    private final int scanLimit;
    private final EntryStore store;
    private final SearchPlanner planner;

    DynamicGroups(EntryStore store, SearchPlanner planner, int scanLimit) {
        Schema schema = store.schema();
        this.store = store;
        this.planner = planner;
        this.schema = schema;
        this.memberUrl = schema.attributeType("memberURL");
        this.objectClass = schema.attributeType("objectClass");
        this.groupOfUrls = schema.objectClass("groupOfURLs");
        this.scanLimit = scanLimit;
    }

    /** The entry's member URLs, when it is a dynamic group (unparsable URLs are ignored). */
    List<LdapUrl> urls(Entry entry) {
        Attribute urls = memberUrl == null ? null : entry.get(memberUrl);
        if (urls == null) {
            return List.of();
        }
        List<LdapUrl> list = new ArrayList<>(urls.size());
        for (byte[] v : urls.values()) {
            try {
                list.add(LdapUrl.parse(new String(v, StandardCharsets.UTF_8), schema));
            } catch (LdapException e) {
                // a broken URL selects nothing
            }
        }
        return list;
    }

    /** The DNs of the entries an URL selects. */
    Set<Dn> selected(BackendTx tx, LdapUrl url, Selection selection) {
        Set<Dn> dns = new LinkedHashSet<>();
        FilterEvaluator evaluator = new FilterEvaluator(schema);
        IdSet candidates =
                url.scope() == dev.linden.protocol.SearchScope.BASE ? null : planner.candidates(tx, url.filter());
        if (url.scope() == dev.linden.protocol.SearchScope.BASE) {
            Entry e = store.byDn(tx, url.base());
            if (e != null && evaluator.matches(url.filter(), e) && selection.maySelect(e, url.filter())) {
                dns.add(e.dn());
            }
            return dns;
        }
        if (candidates != null) {
            for (int i = 0; i < candidates.size(); i++) {
                Entry e = store.byId(tx, candidates.get(i));
                if (e != null
                        && url.inScope(e.dn())
                        && evaluator.matches(url.filter(), e)
                        && selection.maySelect(e, url.filter())) {
                    dns.add(e.dn());
                }
            }
            return dns;
        }
        List<Long> ids = store.subtreeIds(tx, url.base());
        for (int i = 0; i < ids.size() && i < scanLimit; i++) {
            Entry e = store.byId(tx, ids.get(i));
            if (e != null
                    && url.inScope(e.dn())
                    && evaluator.matches(url.filter(), e)
                    && selection.maySelect(e, url.filter())) {
                dns.add(e.dn());
            }
        }
        return dns;
    }

    /** The dynamic groups whose URLs select the entry with this normalised DN. */
    List<Entry> groupsSelecting(BackendTx tx, String normalizedDn, Selection selection) {
        if (groupOfUrls == null) {
            return List.of();
        }
        List<Entry> groups = store.withValue(tx, objectClass, groupOfUrls.oid());
        if (groups.isEmpty()) {
            return List.of();
        }
        Entry entry;
        try {
            entry = store.byDn(tx, DnSyntax.parse(normalizedDn, schema));
        } catch (LdapException e) {
            return List.of();
        }
        if (entry == null) {
            return List.of();
        }
        FilterEvaluator evaluator = new FilterEvaluator(schema);
        List<Entry> selecting = new ArrayList<>();
        for (Entry group : groups) {
            for (LdapUrl url : urls(group)) {
                if (url.inScope(entry.dn())
                        && evaluator.matches(url.filter(), entry)
                        && selection.maySelect(entry, url.filter())) {
                    selecting.add(group);
                    break;
                }
            }
        }
        return selecting;
    }
}
