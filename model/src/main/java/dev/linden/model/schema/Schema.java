package dev.linden.model.schema;

import dev.linden.model.matching.MatchingRule;
import dev.linden.model.matching.MatchingRules;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resolved schema: attribute types and object classes by name or OID, the matching rules that
 * implement them, and the definitions as published in the subschema entry. Immutable; built by
 * {@link SchemaBuilder}.
 */
public final class Schema {
    private final Map<String, AttributeType> attributeTypes;
    private final Map<String, ObjectClass> objectClasses;
    private final List<AttributeType> attributeTypeList;
    private final List<ObjectClass> objectClassList;
    private final List<SchemaDefinition> syntaxes;
    private final List<SchemaDefinition> matchingRuleDefinitions;
    private final MatchingRules rules;
    private final SecretAttributes secrets;
    /** Attribute descriptions already parsed, by their text: stored entries name the same few types over and over. */
    private final java.util.concurrent.ConcurrentHashMap<String, dev.linden.model.AttributeDescription> descriptions =
            new java.util.concurrent.ConcurrentHashMap<>();

    Schema(
            Map<String, AttributeType> attributeTypes,
            Map<String, ObjectClass> objectClasses,
            List<AttributeType> attributeTypeList,
            List<ObjectClass> objectClassList,
            List<SchemaDefinition> syntaxes,
            List<SchemaDefinition> matchingRuleDefinitions,
            MatchingRules rules) {
        this.attributeTypes = Map.copyOf(attributeTypes);
        this.objectClasses = Map.copyOf(objectClasses);
        this.attributeTypeList = List.copyOf(attributeTypeList);
        this.objectClassList = List.copyOf(objectClassList);
        this.syntaxes = List.copyOf(syntaxes);
        this.matchingRuleDefinitions = List.copyOf(matchingRuleDefinitions);
        this.rules = rules;
        this.secrets = new SecretAttributes(this.attributeTypeList);
    }

    /** The standard schema bundled with the server (loaded once: it never changes). */
    public static Schema standard() {
        return Bundled.SCHEMA;
    }

    /** The attribute type with this name or OID (options such as {@code ;binary} must be stripped first), or null. */
    public AttributeType attributeType(String nameOrOid) {
        return attributeTypes.get(nameOrOid.toLowerCase(Locale.ROOT));
    }

    public ObjectClass objectClass(String nameOrOid) {
        return objectClasses.get(nameOrOid.toLowerCase(Locale.ROOT));
    }

    /** The OID of the object class or attribute type with this lower-case name, for objectIdentifierMatch. */
    public String resolveOid(String lowerName) {
        ObjectClass oc = objectClasses.get(lowerName);
        if (oc != null) {
            return oc.oid();
        }
        AttributeType at = attributeTypes.get(lowerName);
        return at != null ? at.oid() : null;
    }

    /**
     * The parsed description for this text, memoised (up to a bound, so hostile clients sending
     * endless distinct names cannot grow it without limit); null when the type is undefined.
     */
    public dev.linden.model.AttributeDescription description(
            String text, java.util.function.Function<String, dev.linden.model.AttributeDescription> parse) {
        dev.linden.model.AttributeDescription d = descriptions.get(text);
        if (d == null) {
            d = parse.apply(text);
            if (d != null && descriptions.size() < 10_000) {
                descriptions.put(text, d);
            }
        }
        return d;
    }

    /** The attribute types whose values are secrets, and their names as clients write them. */
    public SecretAttributes secrets() {
        return secrets;
    }

    public MatchingRule matchingRule(String nameOrOid) {
        return rules.get(nameOrOid);
    }

    public Collection<AttributeType> attributeTypes() {
        return attributeTypeList;
    }

    public Collection<ObjectClass> objectClasses() {
        return objectClassList;
    }

    public List<SchemaDefinition> syntaxes() {
        return syntaxes;
    }

    public List<SchemaDefinition> matchingRuleDefinitions() {
        return matchingRuleDefinitions;
    }

    private static final class Bundled {
        static final Schema SCHEMA = SchemaLoader.loadBundled();
    }
}
