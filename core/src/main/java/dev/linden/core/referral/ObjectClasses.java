package dev.linden.core.referral;

import dev.linden.model.Attribute;
import dev.linden.model.Entry;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.model.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The entries of one object class and its subclasses (referral, alias), asked of every entry a
 * search returns: the spellings that name them (each name and OID, lower-case) are listed once, so
 * an entry's objectClass values are compared as bytes, without decoding them or looking them up.
 */
public final class ObjectClasses {
    private final Schema schema;
    private final AttributeType objectClass;
    private final ObjectClass wanted;
    private final byte[][] spellings;

    /** @param name the class (none when the schema does not define it: no entry is one) */
    public ObjectClasses(Schema schema, String name) {
        this.schema = schema;
        this.objectClass = schema.attributeType("objectClass");
        this.wanted = schema.objectClass(name);
        List<byte[]> names = new ArrayList<>();
        if (wanted != null) {
            for (ObjectClass oc : schema.objectClasses()) {
                if (oc.isSubclassOf(wanted)) {
                    names.add(lower(oc.oid()));
                    oc.names().forEach(n -> names.add(lower(n)));
                }
            }
        }
        this.spellings = names.toArray(byte[][]::new);
    }

    public boolean isA(Entry entry) {
        Attribute classes = wanted == null ? null : entry.get(objectClass);
        if (classes == null) {
            return false;
        }
        for (byte[] value : classes.values()) {
            if (names(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean names(byte[] value) {
        int start = 0;
        int end = value.length;
        while (start < end && value[start] == ' ') {
            start++;
        }
        while (end > start && value[end - 1] == ' ') {
            end--;
        }
        for (int i = start; i < end; i++) {
            // not ASCII: read as the schema reads it (no class is named so, but case folding may make one)
            if (value[i] < 0) {
                ObjectClass oc = schema.objectClass(new String(value, StandardCharsets.UTF_8).strip());
                return oc != null && oc.isSubclassOf(wanted);
            }
        }
        for (byte[] spelling : spellings) {
            if (spelling.length == end - start && equalsIgnoringAsciiCase(spelling, value, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoringAsciiCase(byte[] lower, byte[] value, int offset) {
        for (int i = 0; i < lower.length; i++) {
            byte b = value[offset + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] lower(String s) {
        return s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
