package dev.linden.backend;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapUrl;
import dev.linden.model.schema.AttributeType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Group membership in one transaction, static and dynamic groups alike: a dynamic group
 * (groupOfURLs) is seen as if the entries its memberURLs select were member values, so memberOf,
 * the in-chain rule and access control's group subjects walk both kinds the same way.
 */
final class GroupResolver implements MembershipLookups {
    private final EntryStore store;
    private final DynamicGroups dynamic;
    private final GroupGraph graph;

    GroupResolver(EntryStore store, DynamicGroups dynamic, GroupGraph graph) {
        this.store = store;
        this.dynamic = dynamic;
        this.graph = graph;
    }

    /** The DNs a group lists; with {@code nested}, through nested groups too. */
    Set<Dn> members(BackendTx tx, Dn group, boolean nested, Selection selection) {
        return graph.members(dn -> withDynamicMembers(tx, store.byDn(tx, dn), selection), group, nested);
    }

    /** The groups listing a DN; with {@code nested}, the groups above them too. */
    Set<Dn> groupsOf(BackendTx tx, Dn member, boolean nested, Selection selection) {
        return graph.groupsOf(type -> norm -> listing(tx, type, norm, selection), member, nested);
    }

    @Override
    public Set<Dn> members(BackendTx tx, Dn group) {
        return members(tx, group, true, Selection.SERVER);
    }

    @Override
    public Set<Dn> groupsOf(BackendTx tx, Dn member) {
        return groupsOf(tx, member, true, Selection.SERVER);
    }

    /** A dynamic group with its selected entries as member values; any other entry (or null) as it is. */
    private Entry withDynamicMembers(BackendTx tx, Entry entry, Selection selection) {
        if (entry == null || dynamic.urls(entry).isEmpty()) {
            return entry;
        }
        Entry copy = entry.copy();
        List<byte[]> values = new ArrayList<>();
        Attribute existing = entry.get(graph.memberType());
        if (existing != null) {
            values.addAll(existing.values());
        }
        for (LdapUrl url : dynamic.urls(entry)) {
            for (Dn dn : dynamic.selected(tx, url, selection)) {
                values.add(dn.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        copy.put(new Attribute(AttributeDescription.of(graph.memberType()), values));
        return copy;
    }

    /** The entries listing a DN in this attribute: through its index, plus dynamic groups that select it for member. */
    private List<Entry> listing(BackendTx tx, AttributeType type, String normalized, Selection selection) {
        List<Entry> found = store.withValue(tx, type, normalized);
        if (type != graph.memberType()) {
            return found;
        }
        List<Entry> dynamicGroups = dynamic.groupsSelecting(tx, normalized, selection);
        if (dynamicGroups.isEmpty()) {
            return found;
        }
        List<Entry> all = new ArrayList<>(found);
        all.addAll(dynamicGroups);
        return all;
    }
}
