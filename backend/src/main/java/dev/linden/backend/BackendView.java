package dev.linden.backend;

/** Facts about the tree, answered from the transaction a search runs in. */
public interface BackendView {
    int countChildren(long id);

    boolean hasChildren(long id);

    /** The entry with this DN, or null. (The defaults answer for an empty tree.) */
    default dev.linden.model.Entry get(dev.linden.model.Dn dn) {
        return null;
    }

    /**
     * The entries holding this value (normalised by the type's equality rule) in this attribute type
     * or its subtypes, found through its equality index; empty when the type has no equality index.
     */
    default java.util.List<dev.linden.model.Entry> withValue(
            dev.linden.model.schema.AttributeType type, String normalized) {
        return java.util.List.of();
    }

    /** The DNs a group lists in member and uniqueMember; with {@code nested}, through nested groups too. */
    default java.util.Set<dev.linden.model.Dn> members(dev.linden.model.Dn group, boolean nested) {
        return members(group, nested, Selection.SERVER);
    }

    /** As above, dynamic groups selecting only what {@code selection} lets the asker find. */
    default java.util.Set<dev.linden.model.Dn> members(dev.linden.model.Dn group, boolean nested, Selection selection) {
        return java.util.Set.of();
    }

    /** The groups listing a DN in member or uniqueMember; with {@code nested}, the groups above them too. */
    default java.util.Set<dev.linden.model.Dn> groupsOf(dev.linden.model.Dn member, boolean nested) {
        return groupsOf(member, nested, Selection.SERVER);
    }

    /** As above, dynamic groups selecting only what {@code selection} lets the asker find. */
    default java.util.Set<dev.linden.model.Dn> groupsOf(
            dev.linden.model.Dn member, boolean nested, Selection selection) {
        return java.util.Set.of();
    }

    /**
     * The contextCSN of the naming context whose top entry has this DN (empty for any other entry):
     * the newest CSN committed per server ID.
     */
    default dev.linden.model.sync.CsnVector contextCsn(dev.linden.model.Dn suffix) {
        return dev.linden.model.sync.CsnVector.EMPTY;
    }
}
