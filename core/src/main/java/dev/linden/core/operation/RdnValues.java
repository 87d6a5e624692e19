package dev.linden.core.operation;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Ava;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.Rdn;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of an RDN belong to the entry (RFC 4511 4.7 and 4.9): Add and ModifyDN put those the
 * entry lacks into it, in the form the DN gives them, as slapd does. A value of a type no user may
 * modify must be there already (a replication conflict's name, {@code <rdn>+entryUUID=<uuid>}).
 */
final class RdnValues {
    private RdnValues() {}

    static void addMissing(Entry entry, Rdn rdn, Schema schema) throws LdapException {
        for (Ava ava : rdn.avas()) {
            AttributeType type = schema.attributeType(ava.type());
            Attribute a = entry.get(type);
            if (a == null || !a.containsNormalized(ava.normValue(), schema)) {
                if (type.isNoUserModification()) { // one the entry has already (a conflict name's entryUUID) is fine
                    throw new LdapException(
                            ResultCode.CONSTRAINT_VIOLATION, ava.type() + ": no user modification allowed");
                }
                List<byte[]> values = a == null ? new ArrayList<>() : new ArrayList<>(a.values());
                values.add(ava.value().getBytes(StandardCharsets.UTF_8));
                entry.put(new Attribute(a == null ? AttributeDescription.of(type) : a.description(), values));
            }
        }
    }
}
