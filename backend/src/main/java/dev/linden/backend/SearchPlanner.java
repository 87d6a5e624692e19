package dev.linden.backend;

import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a filter into candidate entry IDs from the attribute indexes. A result of null means "no
 * index narrows this": the caller scans the scope instead. Candidates are a superset of the matches;
 * every one is checked against the filter afterwards. With {@link MembershipLookups}, memberOf and
 * the in-chain rule are answered by walking groups; without (the planner dynamic groups use for
 * their URLs' filters), they are left to the scan.
 */
final class SearchPlanner {
    private final Schema schema;
    private final IndexSet indexes;
    private final Dn2Id dn2id;
    private final MembershipLookups groups;

    SearchPlanner(Schema schema, IndexSet indexes, Dn2Id dn2id, MembershipLookups groups) {
        this.schema = schema;
        this.indexes = indexes;
        this.dn2id = dn2id;
        this.groups = groups;
    }

    IdSet candidates(BackendTx tx, Filter filter) {
        return switch (filter) {
            case Filter.And and -> {
                IdSet result = null;
                for (Filter f : and.filters()) {
                    IdSet ids = candidates(tx, f);
                    if (ids != null) {
                        result = result == null ? ids : result.intersect(ids);
                        if (result.isEmpty()) {
                            break;
                        }
                    }
                }
                yield result;
            }
            case Filter.Or or -> {
                if (or.filters().isEmpty()) {
                    yield IdSet.of(); // (|) is absolute false (RFC 4526)
                }
                IdSet result = IdSet.of();
                for (Filter f : or.filters()) {
                    IdSet ids = candidates(tx, f);
                    if (ids == null) {
                        yield null;
                    }
                    result = result.union(ids);
                }
                yield result;
            }
            case Filter.Equality eq
            when groups != null && isType(eq.attribute(), "memberof") -> {
                Dn group = dn(eq.value());
                // through nesting: a superset whether memberOf lists direct groups or nested ones
                yield group == null ? IdSet.of() : ids(tx, groups.members(tx, group));
            }
            case Filter.Equality eq -> {
                AttributeIndex index = indexes.of(eq.attribute(), IndexKind.EQUALITY);
                if (index == null) {
                    yield null;
                }
                try {
                    yield index.equality(tx, index.type().normalize(eq.value(), schema));
                } catch (LdapException e) {
                    yield IdSet.of(); // an assertion the rule refuses is Undefined: it matches nothing
                }
            }
            case Filter.Present p -> {
                AttributeIndex index = indexes.of(p.attribute(), IndexKind.PRESENCE);
                yield index == null ? null : index.presence(tx);
            }
            case Filter.Substrings s -> {
                AttributeIndex index = indexes.of(s.attribute(), IndexKind.SUBSTRING);
                if (index == null || index.type().substring() == null) {
                    yield null;
                }
                try {
                    var rule = index.type().substring();
                    String initial = s.initial() == null ? null : rule.normalizeSubstring(s.initial(), schema);
                    String fin = s.fin() == null ? null : rule.normalizeSubstring(s.fin(), schema);
                    List<String> any = new ArrayList<>();
                    for (byte[] a : s.any()) {
                        any.add(rule.normalizeSubstring(a, schema));
                    }
                    yield index.substrings(tx, initial, any, fin);
                } catch (LdapException e) {
                    yield IdSet.of();
                }
            }
            case Filter.Extensible ex when groups != null -> inChain(tx, ex);
            default -> null; // NOT, ordering and approximate: scan
        };
    }

    /**
     * In-chain matches (1.2.840.113556.1.4.1941) on memberOf and member: the members of a group
     * through nesting, or the groups above an entry, as IDs. Other extensible matches: scan.
     */
    private IdSet inChain(BackendTx tx, Filter.Extensible ex) {
        if (ex.matchingRule() == null
                || ex.attribute() == null
                || !(ex.matchingRule().equals(dev.linden.model.matching.MatchingRules.IN_CHAIN_OID)
                        || ex.matchingRule().equalsIgnoreCase("inChainMatch"))) {
            return null;
        }
        Dn target = dn(ex.value());
        if (target == null) {
            return IdSet.of();
        }
        if (isType(ex.attribute(), "memberof")) {
            return ids(tx, groups.members(tx, target));
        }
        if (isType(ex.attribute(), "member") || isType(ex.attribute(), "uniquemember")) {
            return ids(tx, groups.groupsOf(tx, target));
        }
        return null;
    }

    private boolean isType(String attribute, String name) {
        AttributeDescription desc = AttributeDescription.tryParse(attribute, schema);
        return desc != null && desc.type().name().equals(name);
    }

    private Dn dn(byte[] value) {
        try {
            return dev.linden.model.DnSyntax.parse(new String(value, java.nio.charset.StandardCharsets.UTF_8), schema);
        } catch (LdapException e) {
            return null;
        }
    }

    private IdSet ids(BackendTx tx, java.util.Set<Dn> dns) {
        long[] ids = new long[dns.size()];
        int n = 0;
        for (Dn dn : dns) {
            long id = dn2id.get(tx, dn);
            if (id != 0) {
                ids[n++] = id;
            }
        }
        return IdSet.of(java.util.Arrays.copyOf(ids, n));
    }
}
