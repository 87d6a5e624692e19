package dev.linden.core;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import java.util.List;

/** The root DSE (RFC 4512 5.1): what this server offers, for clients to discover. */
public final class RootDse {
    public static final List<String> CONTROLS = dev.linden.core.control.KnownControls.advertised();
    public static final List<String> EXTENSIONS =
            List.of(Oids.WHO_AM_I, Oids.PASSWORD_MODIFY, Oids.CANCEL, Oids.START_TRANSACTION, Oids.END_TRANSACTION);
    public static final List<String> FEATURES = List.of(
            Oids.FEATURE_ALL_OPERATIONAL, Oids.FEATURE_OC_ATTRIBUTES, Oids.FEATURE_TRUE_FALSE, Oids.FEATURE_INCREMENT);

    private RootDse() {}

    public static Entry build(
            Schema schema,
            List<Dn> namingContexts,
            String vendorVersion,
            List<String> saslMechanisms,
            boolean startTls) {
        Entry e = new Entry(Dn.ROOT);
        e.put(schema.attributeType("objectClass"), "top", "extensibleObject");
        e.put(
                schema.attributeType("namingContexts"),
                namingContexts.stream().map(Dn::toString).toArray(String[]::new));
        e.put(schema.attributeType("supportedLDAPVersion"), "3");
        e.put(schema.attributeType("supportedControl"), CONTROLS.toArray(String[]::new));
        List<String> extensions = new java.util.ArrayList<>(EXTENSIONS);
        if (startTls) {
            extensions.add(Oids.START_TLS);
        }
        e.put(schema.attributeType("supportedExtension"), extensions.toArray(String[]::new));
        e.put(schema.attributeType("supportedFeatures"), FEATURES.toArray(String[]::new));
        if (!saslMechanisms.isEmpty()) {
            e.put(schema.attributeType("supportedSASLMechanisms"), saslMechanisms.toArray(String[]::new));
        }
        e.put(schema.attributeType("subschemaSubentry"), "cn=Subschema");
        e.put(schema.attributeType("vendorName"), "Linden");
        e.put(schema.attributeType("vendorVersion"), "Linden " + vendorVersion);
        return e;
    }
}
