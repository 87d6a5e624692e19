package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Entry;
import dev.linden.model.filter.VirtualAttributes;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Operational attributes computed when asked for, never stored: memberOf (from the member and
 * uniqueMember indexes, direct or through nesting as configured), entryDN (RFC 5020),
 * hasSubordinates, numSubordinates and subschemaSubentry; and on a naming context's entry its
 * contextCSN (one value per server ID: the newest change committed from each), from the changelog.
 */
final class ComputedAttributes {
    static final String SUBSCHEMA_DN = "cn=Subschema";
    private final AttributeType entryDn;
    private final AttributeType hasSubordinates;
    private final AttributeType numSubordinates;
    private final AttributeType subschemaSubentry;
    private final AttributeType memberOf;
    private final AttributeType contextCsn;
    private final boolean nestedMemberOf;

    ComputedAttributes(Schema schema, boolean nestedMemberOf) {
        this.memberOf = schema.attributeType("memberOf");
        this.nestedMemberOf = nestedMemberOf;
        this.entryDn = schema.attributeType("entryDN");
        this.hasSubordinates = schema.attributeType("hasSubordinates");
        this.numSubordinates = schema.attributeType("numSubordinates");
        this.subschemaSubentry = schema.attributeType("subschemaSubentry");
        this.contextCsn = schema.attributeType("contextCSN");
    }

    List<AttributeType> types() {
        return List.of(entryDn, hasSubordinates, numSubordinates, subschemaSubentry, memberOf, contextCsn);
    }

    boolean isComputed(AttributeType type) {
        return types().contains(type);
    }

    Attribute compute(AttributeType type, Entry entry, long id, BackendView view) {
        return compute(type, entry, id, view, dev.linden.backend.Selection.SERVER);
    }

    /** @param selection what dynamic groups may select for the asker (memberOf) */
    Attribute compute(
            AttributeType type, Entry entry, long id, BackendView view, dev.linden.backend.Selection selection) {
        String value;
        if (type == entryDn) {
            value = entry.dn().toString();
        } else if (type == hasSubordinates) {
            value = view.hasChildren(id) ? "TRUE" : "FALSE";
        } else if (type == numSubordinates) {
            value = Integer.toString(view.countChildren(id));
        } else if (type == subschemaSubentry) {
            value = SUBSCHEMA_DN;
        } else if (type == contextCsn) {
            List<byte[]> csns = new java.util.ArrayList<>();
            for (var csn : view.contextCsn(entry.dn()).csns()) {
                csns.add(csn.toString().getBytes(StandardCharsets.US_ASCII));
            }
            return csns.isEmpty() ? null : new Attribute(AttributeDescription.of(type), csns);
        } else if (type == memberOf) {
            // the groups that list the entry, from the member indexes: always exact, nothing to keep in step
            List<byte[]> groups = new java.util.ArrayList<>();
            for (dev.linden.model.Dn g : view.groupsOf(entry.dn(), nestedMemberOf, selection)) {
                groups.add(g.toString().getBytes(StandardCharsets.UTF_8));
            }
            return groups.isEmpty() ? null : new Attribute(AttributeDescription.of(type), groups);
        } else {
            return null;
        }
        return new Attribute(AttributeDescription.of(type), List.of(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The computed attributes as seen by filters on one entry. */
    VirtualAttributes forEntry(long id, BackendView view, dev.linden.backend.Selection selection) {
        return (entry, type) -> {
            Attribute a = compute(type, entry, id, view, selection);
            return a == null ? List.of() : List.of(a);
        };
    }
}
