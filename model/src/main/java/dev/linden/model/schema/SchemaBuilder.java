package dev.linden.model.schema;

import dev.linden.model.matching.MatchingRule;
import dev.linden.model.matching.MatchingRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Collects parsed definitions and resolves them into a {@link Schema}, naming the origin of any broken reference. */
public final class SchemaBuilder {
    /** The kinds of definition a subschema entry publishes. */
    public enum Kind {
        SYNTAX,
        MATCHING_RULE,
        ATTRIBUTE_TYPE,
        OBJECT_CLASS,
        OTHER
    }

    private final MatchingRules rules = new MatchingRules();
    private final Map<String, SchemaDefinition> attributeDefs = new LinkedHashMap<>();
    private final Map<String, SchemaDefinition> classDefs = new LinkedHashMap<>();
    private final List<SchemaDefinition> syntaxes = new ArrayList<>();
    private final List<SchemaDefinition> matchingRules = new ArrayList<>();
    private final Set<String> knownRuleKeys = new HashSet<>();

    public SchemaBuilder add(Kind kind, SchemaDefinition def) throws SchemaException {
        switch (kind) {
            case SYNTAX -> syntaxes.add(def);
            case MATCHING_RULE -> {
                matchingRules.add(def);
                knownRuleKeys.add(def.oid().toLowerCase(Locale.ROOT));
                def.values("NAME").forEach(n -> knownRuleKeys.add(n.toLowerCase(Locale.ROOT)));
            }
            case ATTRIBUTE_TYPE -> putUnique(attributeDefs, def, "attribute type");
            case OBJECT_CLASS -> putUnique(classDefs, def, "object class");
            case OTHER -> {
                // name forms, DIT content and structure rules: accepted, not yet enforced
            }
        }
        return this;
    }

    private static void putUnique(Map<String, SchemaDefinition> map, SchemaDefinition def, String what)
            throws SchemaException {
        List<String> keys = new ArrayList<>();
        keys.add(def.oid().toLowerCase(Locale.ROOT));
        def.values("NAME").forEach(n -> keys.add(n.toLowerCase(Locale.ROOT)));
        for (String key : keys) {
            SchemaDefinition previous = map.get(key);
            if (previous != null && !previous.oid().equals(def.oid())) {
                throw new SchemaException(
                        def.origin() + ": " + what + " " + key + " is already defined by " + previous.origin());
            }
        }
        SchemaDefinition sameOid = map.get(def.oid().toLowerCase(Locale.ROOT));
        if (sameOid != null
                && !sameOid.values("NAME").isEmpty()
                && !def.values("NAME").isEmpty()
                && sameOid.values("NAME").stream().noneMatch(n -> keys.contains(n.toLowerCase(Locale.ROOT)))) {
            throw new SchemaException(def.origin() + ": " + what + " " + label(def) + " reuses OID " + def.oid()
                    + " of " + label(sameOid) + " defined by " + sameOid.origin());
        }
        // a redefinition of the same OID replaces the earlier one (a later file overrides)
        map.values().removeIf(d -> d.oid().equals(def.oid()));
        for (String key : keys) {
            map.put(key, def);
        }
    }

    public Schema build() throws SchemaException {
        Map<String, AttributeType> types = new HashMap<>();
        List<AttributeType> typeList = new ArrayList<>();
        for (SchemaDefinition def : new LinkedHashSet<>(attributeDefs.values())) {
            resolveType(def, types, typeList, new HashSet<>());
        }
        for (AttributeType t : typeList) {
            for (AttributeType sup = t.superior(); sup != null; sup = sup.superior()) {
                sup.markHasSubtypes();
            }
        }
        Map<String, ObjectClass> classes = new HashMap<>();
        List<ObjectClass> classList = new ArrayList<>();
        for (SchemaDefinition def : new LinkedHashSet<>(classDefs.values())) {
            resolveClass(def, types, classes, classList, new HashSet<>());
        }
        return new Schema(types, classes, typeList, classList, syntaxes, matchingRules, rules);
    }

    private AttributeType resolveType(
            SchemaDefinition def, Map<String, AttributeType> done, List<AttributeType> list, Set<String> inProgress)
            throws SchemaException {
        AttributeType existing = done.get(def.oid().toLowerCase(Locale.ROOT));
        if (existing != null) {
            return existing;
        }
        if (!inProgress.add(def.oid())) {
            throw new SchemaException(def.origin() + ": attribute type " + def.oid() + " is its own superior");
        }
        AttributeType sup = null;
        if (def.value("SUP") != null) {
            SchemaDefinition supDef = attributeDefs.get(def.value("SUP").toLowerCase(Locale.ROOT));
            if (supDef == null) {
                throw new SchemaException(
                        def.origin() + ": attribute type " + label(def) + " has unknown superior " + def.value("SUP"));
            }
            sup = resolveType(supDef, done, list, inProgress);
        }
        String syntax = def.value("SYNTAX");
        if (syntax != null) {
            syntax = syntax.replaceAll("\\{.*}$", "");
        } else if (sup != null) {
            syntax = sup.syntaxOid();
        } else {
            throw new SchemaException(def.origin() + ": attribute type " + label(def) + " has neither SYNTAX nor SUP");
        }
        MatchingRule equality = rule(def, "EQUALITY", sup == null ? null : sup.equality());
        MatchingRule ordering = rule(def, "ORDERING", sup == null ? null : sup.ordering());
        MatchingRule substring = rule(def, "SUBSTR", sup == null ? null : sup.substring());
        AttributeUsage usage = AttributeUsage.USER_APPLICATIONS;
        if (def.value("USAGE") != null) {
            usage = AttributeUsage.of(def.value("USAGE"));
            if (usage == null) {
                throw new SchemaException(
                        def.origin() + ": attribute type " + label(def) + " has unknown USAGE " + def.value("USAGE"));
            }
        }
        AttributeType type = new AttributeType(
                def.oid(),
                def.values("NAME"),
                sup,
                equality,
                ordering,
                substring,
                syntax,
                def.flag("SINGLE-VALUE"),
                def.flag("COLLECTIVE"),
                def.flag("NO-USER-MODIFICATION"),
                def.flag("OBSOLETE"),
                usage,
                def.text(),
                SecretAttributes.declares(def.oid()));
        done.put(def.oid().toLowerCase(Locale.ROOT), type);
        for (String n : def.values("NAME")) {
            done.put(n.toLowerCase(Locale.ROOT), type);
        }
        list.add(type);
        return type;
    }

    private MatchingRule rule(SchemaDefinition def, String keyword, MatchingRule inherited) throws SchemaException {
        String name = def.value(keyword);
        if (name == null) {
            return inherited;
        }
        MatchingRule rule = rules.get(name);
        if (rule == null) {
            if (!knownRuleKeys.contains(name.toLowerCase(Locale.ROOT))) {
                throw new SchemaException(
                        def.origin() + ": attribute type " + label(def) + " names unknown matching rule " + name);
            }
            // defined by the schema but not implemented here: compare the bytes exactly
            rule = rules.get("octetStringMatch");
        }
        return rule;
    }

    private ObjectClass resolveClass(
            SchemaDefinition def,
            Map<String, AttributeType> types,
            Map<String, ObjectClass> done,
            List<ObjectClass> list,
            Set<String> inProgress)
            throws SchemaException {
        ObjectClass existing = done.get(def.oid().toLowerCase(Locale.ROOT));
        if (existing != null) {
            return existing;
        }
        if (!inProgress.add(def.oid())) {
            throw new SchemaException(def.origin() + ": object class " + def.oid() + " is its own superclass");
        }
        List<ObjectClass> sups = new ArrayList<>();
        Set<AttributeType> must = new LinkedHashSet<>();
        Set<AttributeType> may = new LinkedHashSet<>();
        for (String supName : def.values("SUP")) {
            SchemaDefinition supDef = classDefs.get(supName.toLowerCase(Locale.ROOT));
            if (supDef == null) {
                throw new SchemaException(
                        def.origin() + ": object class " + label(def) + " has unknown superclass " + supName);
            }
            ObjectClass sup = resolveClass(supDef, types, done, list, inProgress);
            sups.add(sup);
            must.addAll(sup.must());
            may.addAll(sup.may());
        }
        for (String a : def.values("MUST")) {
            must.add(type(types, a, def));
        }
        for (String a : def.values("MAY")) {
            may.add(type(types, a, def));
        }
        may.removeAll(must);
        ObjectClassKind kind = def.flag("ABSTRACT")
                ? ObjectClassKind.ABSTRACT
                : def.flag("AUXILIARY") ? ObjectClassKind.AUXILIARY : ObjectClassKind.STRUCTURAL;
        ObjectClass oc =
                new ObjectClass(def.oid(), def.values("NAME"), sups, kind, must, may, def.flag("OBSOLETE"), def.text());
        done.put(def.oid().toLowerCase(Locale.ROOT), oc);
        for (String n : def.values("NAME")) {
            done.put(n.toLowerCase(Locale.ROOT), oc);
        }
        list.add(oc);
        return oc;
    }

    private static AttributeType type(Map<String, AttributeType> types, String name, SchemaDefinition def)
            throws SchemaException {
        AttributeType t = types.get(name.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new SchemaException(
                    def.origin() + ": object class " + label(def) + " names unknown attribute type " + name);
        }
        return t;
    }

    private static String label(SchemaDefinition def) {
        String name = def.value("NAME");
        return name != null ? name : def.oid();
    }
}
