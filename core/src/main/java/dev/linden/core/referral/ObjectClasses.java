package dev.linden.core.referral;

import dev.linden.model.Attribute;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;

/** Whether an entry belongs to an object class (by name or OID, as its objectClass values spell it). */
public final class ObjectClasses {
    private final Schema schema;
    private final AttributeType objectClass;

    public ObjectClasses(Schema schema) {
        this.schema = schema;
        this.objectClass = schema.attributeType("objectClass");
    }

    public boolean isA(Entry entry, ObjectClass wanted) {
        Attribute classes = wanted == null ? null : entry.get(objectClass);
        if (classes == null) {
            return false;
        }
        for (byte[] value : classes.values()) {
            ObjectClass oc = schema.objectClass(new String(value, StandardCharsets.UTF_8).strip());
            if (oc != null && oc.isSubclassOf(wanted)) {
                return true;
            }
        }
        return false;
    }
}
