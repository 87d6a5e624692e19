package dev.linden.model.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An object class with its superclass chain and its required and allowed attributes (inherited ones included). */
public final class ObjectClass {
    private final String oid;
    private final List<String> names;
    private final List<ObjectClass> superiors;
    private final ObjectClassKind kind;
    private final Set<AttributeType> must;
    private final Set<AttributeType> may;
    private final boolean obsolete;
    private final String definition;

    ObjectClass(
            String oid,
            List<String> names,
            List<ObjectClass> superiors,
            ObjectClassKind kind,
            Set<AttributeType> must,
            Set<AttributeType> may,
            boolean obsolete,
            String definition) {
        this.oid = oid;
        this.names = List.copyOf(names);
        this.superiors = List.copyOf(superiors);
        this.kind = kind;
        this.must = Set.copyOf(must);
        this.may = Set.copyOf(may);
        this.obsolete = obsolete;
        this.definition = definition;
    }

    public String oid() {
        return oid;
    }

    public List<String> names() {
        return names;
    }

    public String displayName() {
        return names.isEmpty() ? oid : names.get(0);
    }

    public String name() {
        return displayName().toLowerCase(Locale.ROOT);
    }

    public List<ObjectClass> superiors() {
        return superiors;
    }

    public ObjectClassKind kind() {
        return kind;
    }

    public Set<AttributeType> must() {
        return must;
    }

    public Set<AttributeType> may() {
        return may;
    }

    public boolean isObsolete() {
        return obsolete;
    }

    public String definition() {
        return definition;
    }

    /** True when this class is {@code other} or derives from it. */
    public boolean isSubclassOf(ObjectClass other) {
        if (this == other) {
            return true;
        }
        for (ObjectClass sup : superiors) {
            if (sup.isSubclassOf(other)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
