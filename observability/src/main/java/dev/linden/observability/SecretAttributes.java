package dev.linden.observability;

import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The attributes whose values are never shown (userPassword, authPassword, pwdHistory), recognised
 * by any of their names or OID, with or without options. Cheap enough for every filter item: most
 * attribute names are rejected on their length alone.
 */
public final class SecretAttributes {
    private static final String[] SECRETS = {"userPassword", "authPassword", "pwdHistory"};
    private final Set<String> names = new HashSet<>();
    private final int shortest;
    private final int longest;

    public SecretAttributes(Schema schema) {
        for (String s : SECRETS) {
            AttributeType t = schema.attributeType(s);
            if (t == null) {
                names.add(s.toLowerCase(Locale.ROOT));
                continue;
            }
            names.add(t.oid());
            t.names().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        }
        shortest = names.stream().mapToInt(String::length).min().orElse(0);
        longest = names.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Whether this attribute description (as a client wrote it, options included) names a secret. */
    public boolean isSecret(String attribute) {
        if (attribute == null) {
            return false;
        }
        int semicolon = attribute.indexOf(';');
        int end = semicolon < 0 ? attribute.length() : semicolon;
        int start = 0;
        while (start < end && attribute.charAt(start) == ' ') {
            start++;
        }
        while (end > start && attribute.charAt(end - 1) == ' ') {
            end--;
        }
        int length = end - start;
        if (length < shortest || length > longest) {
            return false;
        }
        String name = attribute.substring(start, end).toLowerCase(Locale.ROOT);
        if (name.startsWith("oid.")) {
            name = name.substring(4);
        }
        return names.contains(name);
    }
}
