package dev.linden.core;

import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SchemaDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The subschema subentry (RFC 4512 4.2), cn=Subschema, publishing the schema in RFC 4512 form. */
public final class SubschemaEntry {
    private SubschemaEntry() {}

    public static Entry build(Schema schema) {
        Entry e;
        try {
            e = new Entry(DnSyntax.parse("cn=Subschema", schema));
        } catch (LdapException ex) {
            throw new IllegalStateException(ex);
        }
        e.put(schema.attributeType("objectClass"), "top", "subentry", "subschema", "extensibleObject");
        e.put(schema.attributeType("cn"), "Subschema");
        e.put(schema.attributeType("ldapSyntaxes"), texts(schema.syntaxes()));
        e.put(schema.attributeType("matchingRules"), texts(schema.matchingRuleDefinitions()));
        e.put(
                schema.attributeType("attributeTypes"),
                schema.attributeTypes().stream().map(AttributeType::definition).toArray(String[]::new));
        e.put(
                schema.attributeType("objectClasses"),
                schema.objectClasses().stream().map(ObjectClass::definition).toArray(String[]::new));
        e.put(schema.attributeType("matchingRuleUse"), matchingRuleUse(schema));
        return e;
    }

    private static String[] texts(List<SchemaDefinition> defs) {
        return defs.stream().map(SchemaDefinition::text).toArray(String[]::new);
    }

    /** For each matching rule, the attribute types it applies to. */
    private static String[] matchingRuleUse(Schema schema) {
        Map<String, List<String>> uses = new LinkedHashMap<>();
        for (AttributeType t : schema.attributeTypes()) {
            for (var rule : new dev.linden.model.matching.MatchingRule[] {t.equality(), t.ordering(), t.substring()}) {
                if (rule != null) {
                    List<String> list = uses.computeIfAbsent(rule.oid(), k -> new ArrayList<>());
                    if (!list.contains(t.displayName())) {
                        list.add(t.displayName());
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (SchemaDefinition def : schema.matchingRuleDefinitions()) {
            List<String> applies = uses.get(def.oid());
            if (applies == null) {
                continue;
            }
            String name = def.value("NAME");
            out.add("( " + def.oid() + (name == null ? "" : " NAME '" + name + "'") + " APPLIES ( "
                    + String.join(" $ ", applies) + " ) )");
        }
        return out.toArray(String[]::new);
    }
}
