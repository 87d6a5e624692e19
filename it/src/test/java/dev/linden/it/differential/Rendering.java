package dev.linden.it.differential;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns results into values that can be compared across servers: DNs normalised, attribute names in
 * lower case, values sorted. userPassword is left out (Linden never returns it, and slapd stores it
 * as given while Linden hashes it). Of the operational attributes only the presence of the standard
 * ones both servers keep is compared; others (slapd's contextCSN, Linden's numSubordinates) are left
 * out, as are their values (UUIDs and times differ by nature).
 */
public final class Rendering {
    static final Set<String> STANDARD_OPERATIONAL = Set.of(
            "entryuuid",
            "entrydn",
            "createtimestamp",
            "modifytimestamp",
            "creatorsname",
            "modifiersname",
            "structuralobjectclass",
            "hassubordinates",
            "subschemasubentry",
            "entrycsn");
    static final String PRESENT = "(present)";
    private final List<Schema> schemas;

    public Rendering(Schema... schemas) {
        this.schemas = List.of(schemas);
    }

    public String code(LDAPResult result) {
        String matched = result.getMatchedDN();
        String referrals =
                result.getReferralURLs().length == 0 ? "" : " referrals=" + List.of(result.getReferralURLs());
        return result.getResultCode()
                + (matched == null || matched.isEmpty() ? "" : " matched=" + dn(matched))
                + referrals;
    }

    /** The URLs of a search's continuation references, each reference's URLs in order, the references sorted. */
    public List<String> references(List<com.unboundid.ldap.sdk.SearchResultReference> references) {
        List<String> out = new ArrayList<>();
        for (var r : references) {
            out.add(String.join(" ", r.getReferralURLs()));
        }
        out.sort(null);
        return out;
    }

    public Map<String, Map<String, List<String>>> entries(List<? extends com.unboundid.ldap.sdk.Entry> entries) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        for (com.unboundid.ldap.sdk.Entry e : entries) {
            Map<String, List<String>> attrs = new TreeMap<>();
            for (Attribute a : e.getAttributes()) {
                String name = a.getName().toLowerCase(Locale.ROOT);
                if (name.equals("userpassword")) {
                    continue;
                }
                if (STANDARD_OPERATIONAL.contains(name)) {
                    attrs.put(name, List.of(PRESENT));
                } else if (!isOperational(a.getBaseName())) {
                    List<String> values = new ArrayList<>(Arrays.asList(a.getValues()));
                    values.sort(null);
                    attrs.put(name, values);
                }
            }
            out.put(dn(e.getDN()), attrs);
        }
        return out;
    }

    private boolean isOperational(String name) {
        for (Schema s : schemas) {
            AttributeTypeDefinition t = s.getAttributeType(name);
            if (t != null && t.isOperational()) {
                return true;
            }
        }
        return false;
    }

    public static String dn(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return "(invalid DN) " + dn;
        }
    }
}
