package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.op.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A pre-read or post-read request (RFC 4527): the attributes to return (an AttributeSelection, as in
 * a search), and whether it is critical. The response carries the entry as a SearchResultEntry.
 */
public record ReadEntryControl(String oid, List<String> attributes, boolean critical) {

    /** The request's pre-read ({@link Oids#PRE_READ}) or post-read control, or null. */
    public static ReadEntryControl of(List<Control> controls, String oid) throws LdapException {
        Control c = KnownControls.find(controls, oid);
        if (c == null) {
            return null;
        }
        String name = oid.equals(Oids.PRE_READ) ? "preread" : "postread";
        BerReader r = ControlValues.reader(c, name);
        try {
            BerReader list = r.readSequence(BerTags.SEQUENCE);
            r.expectEnd("the " + name + " control");
            List<String> attributes = new ArrayList<>();
            while (list.hasMore()) {
                attributes.add(list.readUtf8());
            }
            return new ReadEntryControl(oid, attributes, c.critical());
        } catch (BerException e) {
            throw ControlValues.malformed(name, e);
        }
    }

    /** The response control carrying the entry. */
    public Control response(SearchResultEntry entry) {
        return new Control(oid, false, LdapEncoder.encodeOp(entry));
    }
}
