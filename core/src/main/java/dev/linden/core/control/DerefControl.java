package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.AttributeDescription;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dereference control (draft-masarati-ldap-deref, OpenLDAP's deref overlay): DerefSpecs ::=
 * SEQUENCE OF SEQUENCE { derefAttr, attributes SEQUENCE OF AttributeDescription }. Each entry a
 * search returns carries, for each DN value of a derefAttr, the attributes named of the entry it names
 * (DerefRes ::= SEQUENCE { derefAttr, derefVal, attrVals [0] PartialAttributeList OPTIONAL }). As the
 * overlay checks: a derefAttr must be a known DN-syntax attribute named once, with a non-empty list of
 * known attributes; anything else is a protocolError.
 */
public record DerefControl(List<Spec> specs) {
    private static final String DN_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.12";

    /** One attribute to follow and what to return of the entries its values name. */
    public record Spec(AttributeDescription derefAttr, List<AttributeDescription> attributes) {}

    /** One value followed: the DN as the entry holds it, and the attributes of the entry it names (null: none). */
    public record Result(String derefAttr, String value, List<PartialAttribute> attributes) {}

    /** The request's deref control, or null when it has none. */
    public static DerefControl of(List<Control> controls, Schema schema) throws LdapException {
        Control c = KnownControls.find(controls, Oids.DEREF);
        if (c == null) {
            return null;
        }
        BerReader r = ControlValues.reader(c, "deref");
        List<Spec> specs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try {
            BerReader list = r.readSequence(BerTags.SEQUENCE);
            r.expectEnd("the deref control");
            while (list.hasMore()) {
                BerReader spec = list.readSequence(BerTags.SEQUENCE);
                AttributeDescription attr = known(spec.readUtf8(), schema);
                if (!attr.type().syntaxOid().equals(DN_SYNTAX)
                        || !seen.add(attr.type().oid())) {
                    throw invalid("derefAttr " + attr.given() + " is not a DN attribute, or named twice");
                }
                BerReader names = spec.readSequence(BerTags.SEQUENCE);
                spec.expectEnd("the deref spec");
                List<AttributeDescription> attributes = new ArrayList<>();
                while (names.hasMore()) {
                    attributes.add(known(names.readUtf8(), schema));
                }
                if (attributes.isEmpty()) {
                    throw invalid("no attributes to return for " + attr.given());
                }
                specs.add(new Spec(attr, List.copyOf(attributes)));
            }
        } catch (BerException e) {
            throw ControlValues.malformed("deref", e);
        }
        if (specs.isEmpty()) {
            throw invalid("no attribute to dereference");
        }
        return new DerefControl(List.copyOf(specs));
    }

    private static AttributeDescription known(String name, Schema schema) throws LdapException {
        AttributeDescription d = AttributeDescription.tryParse(name, schema);
        if (d == null) {
            throw invalid("unknown attribute " + name);
        }
        return d;
    }

    private static LdapException invalid(String why) {
        return new LdapException(ResultCode.PROTOCOL_ERROR, "deref control: " + why);
    }

    /** The response control an entry carries for these results (none when there is nothing to tell). */
    public static Control response(List<Result> results) {
        BerWriter w = new BerWriter().begin(BerTags.SEQUENCE);
        for (Result res : results) {
            w.begin(BerTags.SEQUENCE).string(res.derefAttr()).string(res.value());
            if (res.attributes() != null && !res.attributes().isEmpty()) {
                w.begin(0xa0);
                for (PartialAttribute a : res.attributes()) {
                    w.begin(BerTags.SEQUENCE).string(a.type()).begin(BerTags.SET);
                    a.values().forEach(w::octetString);
                    w.end().end();
                }
                w.end();
            }
            w.end();
        }
        return new Control(Oids.DEREF, false, w.end().toByteArray());
    }
}
