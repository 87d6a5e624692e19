package dev.linden.core.operation;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.PartialAttribute;

/** Turns the strings and attributes of a request into model values, with the result codes for bad input. */
final class Requests {
    private Requests() {}

    static Dn dn(String text, Schema schema) throws LdapException {
        return DnSyntax.parse(text, schema);
    }

    static Attribute attribute(PartialAttribute pa, Schema schema) throws LdapException {
        return new Attribute(AttributeDescription.parse(pa.type(), schema), pa.values());
    }
}
