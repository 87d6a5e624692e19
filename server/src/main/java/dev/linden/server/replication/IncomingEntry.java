package dev.linden.server.replication;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.op.SearchResultEntry;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A provider's entry as this server stores it: attributes this schema does not define are left out
 * (and named, so an administrator can add the schema), and so are the ones each server computes for
 * itself (entryDN, hasSubordinates, memberOf...), which a provider such as slapd may send with "+".
 */
final class IncomingEntry {
    private static final Set<String> COMPUTED =
            Set.of("entrydn", "hassubordinates", "numsubordinates", "subschemasubentry", "memberof", "contextcsn");

    private final Schema schema;
    private final Set<String> unknown = new TreeSet<>();

    IncomingEntry(Schema schema) {
        this.schema = schema;
    }

    Entry of(SearchResultEntry e) throws LdapException {
        Entry entry = new Entry(DnSyntax.parse(e.dn(), schema));
        for (PartialAttribute a : e.attributes()) {
            AttributeDescription d = AttributeDescription.tryParse(a.type(), schema);
            if (d == null) {
                unknown.add(a.type());
                continue;
            }
            if (COMPUTED.contains(d.type().name().toLowerCase(Locale.ROOT))
                    || a.values().isEmpty()) {
                continue;
            }
            entry.put(new Attribute(d, a.values()));
        }
        return entry;
    }

    /** The attribute types received so far that this schema does not define. */
    Set<String> unknownTypes() {
        return unknown;
    }
}
