package dev.linden.core.schema;

import dev.linden.model.Attribute;
import dev.linden.model.Ava;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.ObjectClassKind;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SyntaxValidator;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an entry against the schema as it will be stored, with the result codes slapd returns:
 * object classes known and with one structural chain, required attributes present, no attribute
 * outside the classes (unless extensibleObject), single-valued types with one value, values valid
 * and distinct, and the RDN's values present in the entry.
 */
public final class SchemaChecker {
    private final Schema schema;
    private final AttributeType objectClassType;
    private final Map<List<ObjectClass>, Allowed> allowedByClasses = new ConcurrentHashMap<>();
    private static final int MAX_CLASS_COMBINATIONS = 256;

    public SchemaChecker(Schema schema) {
        this.schema = schema;
        this.objectClassType = schema.attributeType("objectClass");
    }

    /** Checks the whole entry; returns its structural object class. */
    public ObjectClass check(Entry entry) throws LdapException {
        return check(entry, Set.of());
    }

    /**
     * As {@link #check(Entry)}, with the values of {@code unchanged} (these very attribute objects,
     * as the entry was read from the store, where they were checked when written) not checked again:
     * a modify of one attribute checked every value of the entry, a quarter of its write's CPU.
     */
    public ObjectClass check(Entry entry, Set<Attribute> unchanged) throws LdapException {
        List<ObjectClass> classes = objectClasses(entry);
        ObjectClass structural = structural(classes);
        Allowed allowed = allowedBy(classes);
        Set<AttributeType> must = allowed.must();
        Set<AttributeType> may = allowed.may();
        boolean extensible = allowed.extensible();
        for (AttributeType required : must) {
            if (!hasTypeOrSubtype(entry, required)) {
                throw new LdapException(
                        ResultCode.OBJECT_CLASS_VIOLATION,
                        "object class '" + requiring(classes, required) + "' requires attribute '"
                                + required.displayName() + "'");
            }
        }
        for (Attribute a : entry.attributes()) {
            AttributeType type = a.description().type();
            if (!unchanged.contains(a)) {
                checkValues(a);
            }
            if (type.isOperational() || extensible) {
                continue;
            }
            if (!allowed(type, must, may)) {
                throw new LdapException(
                        ResultCode.OBJECT_CLASS_VIOLATION, "attribute '" + type.displayName() + "' not allowed");
            }
        }
        checkRdn(entry);
        return structural;
    }

    /** The entry's structural object class alone, without checking its attributes. */
    public ObjectClass structuralClass(Entry entry) throws LdapException {
        return structural(objectClasses(entry));
    }

    /**
     * The union of the classes' required and allowed types, made once per combination of classes: an
     * import built these sets again for every entry (a twentieth of its workers' time).
     */
    private Allowed allowedBy(List<ObjectClass> classes) {
        Allowed known = allowedByClasses.get(classes);
        if (known != null) {
            return known;
        }
        Set<AttributeType> must = new HashSet<>();
        Set<AttributeType> may = new HashSet<>();
        boolean extensible = false;
        for (ObjectClass oc : classes) {
            must.addAll(oc.must());
            may.addAll(oc.may());
            extensible |= oc.name().equals("extensibleobject");
        }
        Allowed made = new Allowed(Set.copyOf(must), Set.copyOf(may), extensible);
        if (allowedByClasses.size() >= MAX_CLASS_COMBINATIONS) {
            allowedByClasses.clear(); // a directory uses a few combinations; this bounds a stream of odd ones
        }
        allowedByClasses.put(List.copyOf(classes), made);
        return made;
    }

    private record Allowed(Set<AttributeType> must, Set<AttributeType> may, boolean extensible) {}

    private static boolean hasTypeOrSubtype(Entry entry, AttributeType type) {
        for (Attribute a : entry.attributes()) {
            if (a.description().type().isSubtypeOf(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowed(AttributeType type, Set<AttributeType> must, Set<AttributeType> may) {
        for (AttributeType t = type; t != null; t = t.superior()) {
            if (must.contains(t) || may.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static String requiring(List<ObjectClass> classes, AttributeType type) {
        for (ObjectClass oc : classes) {
            if (oc.must().contains(type)) {
                return oc.displayName();
            }
        }
        return "?";
    }

    private List<ObjectClass> objectClasses(Entry entry) throws LdapException {
        Attribute oc = entry.get(objectClassType);
        if (oc == null) {
            throw new LdapException(ResultCode.OBJECT_CLASS_VIOLATION, "no objectClass attribute");
        }
        List<ObjectClass> classes = new ArrayList<>();
        for (int i = 0; i < oc.values().size(); i++) {
            String name = new String(oc.values().get(i), StandardCharsets.UTF_8).strip();
            ObjectClass c = schema.objectClass(name);
            if (c == null) {
                throw new LdapException(
                        ResultCode.INVALID_ATTRIBUTE_SYNTAX, "objectClass: value #" + i + " invalid per syntax");
            }
            addWithSuperiors(c, classes);
        }
        return classes;
    }

    private static void addWithSuperiors(ObjectClass c, List<ObjectClass> classes) {
        if (!classes.contains(c)) {
            classes.add(c);
            for (ObjectClass sup : c.superiors()) {
                addWithSuperiors(sup, classes);
            }
        }
    }

    private static ObjectClass structural(List<ObjectClass> classes) throws LdapException {
        ObjectClass most = null;
        for (ObjectClass c : classes) {
            if (c.kind() != ObjectClassKind.STRUCTURAL) {
                continue;
            }
            if (most == null || c.isSubclassOf(most)) {
                most = c;
            } else if (!most.isSubclassOf(c)) {
                throw new LdapException(
                        ResultCode.OBJECT_CLASS_VIOLATION,
                        "invalid structural object class chain (" + most.displayName() + "/" + c.displayName() + ")");
            }
        }
        if (most == null) {
            throw new LdapException(ResultCode.OBJECT_CLASS_VIOLATION, "no structural object class provided");
        }
        return most;
    }

    /**
     * Each value valid for the type's rule, no two equal, and one value only for single-valued types.
     * Of an attribute whose values are kept apart, only the values added since it was read: those in
     * the store were checked when they were stored, and none of the added ones is among them.
     */
    public void checkValues(Attribute a) throws LdapException {
        AttributeType type = a.description().type();
        if (a.isStored() && !type.isSingleValue()) {
            for (int i = 0; i < a.added().size(); i++) {
                if (!SyntaxValidator.isValid(type.syntaxOid(), a.added().get(i))) {
                    throw new LdapException(
                            ResultCode.INVALID_ATTRIBUTE_SYNTAX,
                            a.description().given() + ": value #" + i + " invalid per syntax");
                }
            }
            return;
        }
        if (type.isSingleValue() && a.size() > 1) {
            throw new LdapException(
                    ResultCode.CONSTRAINT_VIOLATION,
                    "attribute '" + type.displayName() + "' cannot have multiple values");
        }
        Set<String> seen = a.size() > 1 ? new HashSet<>() : null; // one value is distinct from the others
        for (int i = 0; i < a.size(); i++) {
            String norm;
            try {
                if (!SyntaxValidator.isValid(type.syntaxOid(), a.values().get(i))) {
                    throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "invalid per syntax");
                }
                norm = type.normalize(a.values().get(i), schema);
            } catch (LdapException e) {
                throw new LdapException(
                        ResultCode.INVALID_ATTRIBUTE_SYNTAX,
                        a.description().given() + ": value #" + i + " invalid per syntax");
            }
            if (seen != null && !seen.add(norm)) {
                throw new LdapException(
                        ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                        a.description().given() + ": value #" + i + " provided more than once");
            }
        }
    }

    private void checkRdn(Entry entry) throws LdapException {
        if (entry.dn().isRoot()) {
            return;
        }
        for (Ava ava : entry.dn().rdn().avas()) {
            AttributeType type = schema.attributeType(ava.type());
            if (type != null && type.equality() == null) { // RDN values could not be told apart (RFC 4512 2.3)
                throw new LdapException(
                        ResultCode.NAMING_VIOLATION,
                        "naming attribute '" + ava.type() + "' has no equality matching rule");
            }
            Attribute a = type == null ? null : entry.get(type);
            if (a == null || !a.containsNormalized(ava.normValue(), schema)) {
                throw new LdapException(
                        ResultCode.NAMING_VIOLATION,
                        "value of naming attribute '" + ava.type() + "' is not present in entry");
            }
        }
    }
}
