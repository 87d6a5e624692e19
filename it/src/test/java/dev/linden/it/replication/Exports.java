package dev.linden.it.replication;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;

/**
 * What "converged" means for replication tests: every entry by entryUUID, with its DN, entryCSN and
 * every user attribute (values sorted, types lowercased), read over LDAP from each server as it
 * would be exported. Attributes each server computes or keeps for itself are left out.
 */
final class Exports {
    /** Operational attributes a replica may hold differently (computed, or per server). */
    private static final Set<String> LOCAL = Set.of(
            "entrydn",
            "hasSubordinates".toLowerCase(),
            "subschemasubentry",
            "numsubordinates",
            "memberof",
            "contextcsn",
            "structuralobjectclass");

    private Exports() {}

    /** entryUUID → "dn\nattr: values..." of every entry under {@code base}, read as {@code conn}'s identity. */
    static TreeMap<String, String> of(LDAPConnection conn, String base, boolean withPasswords) throws LDAPException {
        TreeMap<String, String> out = new TreeMap<>();
        java.util.List<SearchResultEntry> entries;
        try {
            entries = conn.search(base, SearchScope.SUB, "(objectClass=*)", "*", "+")
                    .getSearchEntries();
        } catch (com.unboundid.ldap.sdk.LDAPSearchException e) {
            if (e.getResultCode() == com.unboundid.ldap.sdk.ResultCode.NO_SUCH_OBJECT) {
                return out; // nothing replicated yet
            }
            throw e;
        }
        for (SearchResultEntry e : entries) {
            TreeMap<String, String> attrs = new TreeMap<>();
            for (Attribute a : e.getAttributes()) {
                String name = a.getBaseName().toLowerCase();
                if (LOCAL.contains(name) || (!withPasswords && name.equals("userpassword"))) {
                    continue;
                }
                String[] values = a.getValues();
                Arrays.sort(values);
                attrs.put(name, String.join(" | ", values));
            }
            StringBuilder sb = new StringBuilder(e.getDN().toLowerCase());
            attrs.forEach((k, v) -> sb.append('\n').append(k).append(": ").append(v));
            out.put(e.getAttributeValue("entryUUID"), sb.toString());
        }
        return out;
    }
}
