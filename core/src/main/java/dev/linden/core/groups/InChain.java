package dev.linden.core.groups;

import dev.linden.backend.BackendView;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.MatchingExtension;
import dev.linden.model.filter.Tristate;
import dev.linden.model.matching.MatchingRules;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941), for one search: {@code memberOf:...:=G}
 * matches every entry that reaches group G through any depth of nesting, {@code member:...:=X}
 * every group that contains X through nesting; on any other DN attribute it follows the attribute's
 * values from entry to entry (a manager chain, say). The closure for one assertion is computed once
 * per search; cycles end.
 */
public final class InChain implements MatchingExtension {
    private static final int MAX_STEPS = 10_000;
    private final Schema schema;
    private final Supplier<BackendView> view;
    private final Map<String, Set<Dn>> closures = new HashMap<>();
    private final dev.linden.backend.Selection selection;

    /** @param view the directory as the search sees it (its read transaction) */
    public InChain(Schema schema, Supplier<BackendView> view) {
        this(schema, view, dev.linden.backend.Selection.SERVER);
    }

    /** @param selection what dynamic groups may select for the asker */
    public InChain(Schema schema, Supplier<BackendView> view, dev.linden.backend.Selection selection) {
        this.schema = schema;
        this.view = view;
        this.selection = selection;
    }

    /** What dynamic groups select for the asker of this search. */
    public dev.linden.backend.Selection selection() {
        return selection;
    }

    @Override
    public Tristate evaluate(Filter.Extensible filter, Entry entry) {
        if (filter.matchingRule() == null
                || !filter.matchingRule().equals(MatchingRules.IN_CHAIN_OID)
                        && !filter.matchingRule().equalsIgnoreCase("inChainMatch")) {
            return null;
        }
        if (filter.attribute() == null) {
            return Tristate.UNDEFINED;
        }
        AttributeDescription desc = AttributeDescription.tryParse(filter.attribute(), schema);
        Dn target = dn(filter.value());
        if (desc == null || target == null) {
            return Tristate.UNDEFINED;
        }
        String name = desc.type().name();
        switch (name) {
            case "memberof" -> {
                return Tristate.of(closure("members", target, () -> view.get().members(target, true, selection))
                        .contains(entry.dn()));
            }
            case "member", "uniquemember" -> {
                return Tristate.of(closure("groups", target, () -> view.get().groupsOf(target, true, selection))
                        .contains(entry.dn()));
            }
            default -> {
                return Tristate.of(follows(entry, desc.type(), target));
            }
        }
    }

    private Set<Dn> closure(String kind, Dn target, Supplier<Set<Dn>> compute) {
        return closures.computeIfAbsent(kind + "|" + target.normalized(), k -> compute.get());
    }

    /** Whether following the attribute's DN values from the entry reaches the target. */
    private boolean follows(Entry start, AttributeType type, Dn target) {
        Set<Dn> seen = new HashSet<>();
        Deque<Entry> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty() && seen.size() < MAX_STEPS) {
            Entry e = queue.poll();
            Attribute a = e.get(type);
            if (a == null) {
                continue;
            }
            for (byte[] v : a.values()) {
                Dn next = dn(v);
                if (next == null || !seen.add(next)) {
                    continue;
                }
                if (next.equals(target)) {
                    return true;
                }
                Entry n = view.get().get(next);
                if (n != null) {
                    queue.add(n);
                }
            }
        }
        return false;
    }

    private Dn dn(byte[] value) {
        try {
            return DnSyntax.parse(new String(value, StandardCharsets.UTF_8), schema);
        } catch (LdapException e) {
            return null;
        }
    }
}
