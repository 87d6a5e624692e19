package dev.linden.model.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The attribute types whose values are secrets: the server uses them (to check a password, to refuse
 * a reused one, for SCRAM) and shows them to nobody unless an access rule naming them says so. This
 * list is the one place that says which they are; the rest is derived from it: the flag
 * {@link AttributeType#isSecret()} (the store keeps these values in a section of their own, access
 * control guards them), the default access rule's attributes, and the logs' and detector's
 * recognition of the names clients write.
 *
 * <p>An instance belongs to one schema ({@link Schema#secrets()}) and recognises the secret types by
 * any of their names or OID, with or without options, in text as clients wrote it. Cheap enough for
 * every filter item: most attribute names are rejected on their length alone.
 */
public final class SecretAttributes {
    /** A secret type, by the OID that identifies it and its usual name. */
    public record Declared(String oid, String name) {}

    /**
     * userPassword (RFC 4519: passwords, stored hashed), authPassword (RFC 3112: the SCRAM-SHA-256
     * keys derived from them, RFC 5803) and pwdHistory (draft-behera-ldap-password-policy: previous
     * password hashes), matched by OID, so a schema that renames one keeps it secret; and
     * lindenCsnState (an entry's replication state: hashes of its values, every attribute's included,
     * for the servers of a mesh and nobody else).
     */
    public static final List<Declared> DECLARED = List.of(
            new Declared("2.5.4.35", "userPassword"),
            new Declared("1.3.6.1.4.1.4203.1.3.4", "authPassword"),
            new Declared("1.3.6.1.4.1.42.2.27.8.1.20", "pwdHistory"),
            new Declared(AttributeType.CSN_STATE_OID, "lindenCsnState"));

    private final Set<AttributeType> types;
    private final Set<String> names = new HashSet<>();
    private final int shortest;
    private final int longest;

    SecretAttributes(Iterable<AttributeType> schemaTypes) {
        Set<AttributeType> flagged = new HashSet<>();
        for (AttributeType t : schemaTypes) {
            if (t.isSecret()) {
                flagged.add(t);
                names.add(t.oid());
                t.names().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
            }
        }
        types = Set.copyOf(flagged);
        for (Declared d : DECLARED) { // recognised in text even where this schema lacks the type
            names.add(d.oid());
            names.add(d.name().toLowerCase(Locale.ROOT));
        }
        shortest = names.stream().mapToInt(String::length).min().orElse(0);
        longest = names.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Whether the type with this OID is declared secret (read while the schema is built). */
    static boolean declares(String oid) {
        for (Declared d : DECLARED) {
            if (d.oid().equals(oid)) {
                return true;
            }
        }
        return false;
    }

    /** The secret types this schema defines. */
    public Set<AttributeType> types() {
        return types;
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
        if (end - start > 4 && attribute.regionMatches(true, start, "oid.", 0, 4)) {
            start += 4; // RFC 2253's prefix of an OID, which some clients still write
        }
        int length = end - start;
        if (length < shortest || length > longest) {
            return false;
        }
        return names.contains(attribute.substring(start, end).toLowerCase(Locale.ROOT));
    }
}
