package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;
import static dev.linden.it.differential.Case.write;

import com.unboundid.asn1.ASN1Element;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dereference control (draft-masarati-ldap-deref) against slapd's deref overlay: each entry's
 * response control, read here from its BER (the UnboundID SDK has no class for it), as the DN values
 * it followed and the attributes of the entries they name.
 */
public final class DerefCases {
    static final String OID = "1.3.6.1.4.1.4203.666.5.16";
    private static final String GROUPS = "ou=groups,dc=example,dc=com";

    private DerefCases() {}

    /** A DerefSpecs value: pairs of a DN-valued attribute and the attributes to return of what it names. */
    static Control deref(boolean critical, String[]... specs) {
        List<ASN1Element> list = new ArrayList<>();
        for (String[] spec : specs) {
            List<ASN1Element> attrs = new ArrayList<>();
            for (int i = 1; i < spec.length; i++) {
                attrs.add(new ASN1OctetString(spec[i]));
            }
            list.add(new ASN1Sequence(new ASN1OctetString(spec[0]), new ASN1Sequence(attrs)));
        }
        return new Control(OID, critical, new ASN1OctetString(new ASN1Sequence(list).encode()));
    }

    /** Each entry's deref response as text: "derefAttr -> DN {attr=[values]}" per result, in order. */
    static Map<String, List<String>> responses(SearchResult result) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (SearchResultEntry e : result.getSearchEntries()) {
            Control c = e.getControl(OID);
            if (c == null) {
                continue;
            }
            List<String> results = new ArrayList<>();
            for (ASN1Element res :
                    ASN1Sequence.decodeAsSequence(c.getValue().getValue()).elements()) {
                ASN1Element[] parts = ASN1Sequence.decodeAsSequence(res).elements();
                StringBuilder sb = new StringBuilder(ASN1OctetString.decodeAsOctetString(parts[0])
                                .stringValue()
                                .toLowerCase(java.util.Locale.ROOT))
                        .append(" -> ")
                        .append(Rendering.dn(
                                ASN1OctetString.decodeAsOctetString(parts[1]).stringValue()));
                if (parts.length > 2) {
                    Map<String, List<String>> attrs = new TreeMap<>();
                    for (ASN1Element pa :
                            ASN1Sequence.decodeAsSequence(parts[2]).elements()) {
                        ASN1Element[] p = ASN1Sequence.decodeAsSequence(pa).elements();
                        List<String> values = new ArrayList<>();
                        for (ASN1Element v : ASN1com(p[1])) {
                            values.add(ASN1OctetString.decodeAsOctetString(v).stringValue());
                        }
                        values.sort(null);
                        attrs.put(
                                ASN1OctetString.decodeAsOctetString(p[0])
                                        .stringValue()
                                        .toLowerCase(java.util.Locale.ROOT),
                                values);
                    }
                    sb.append(' ').append(attrs);
                }
                results.add(sb.toString());
            }
            out.put(Rendering.dn(e.getDN()), results);
        }
        return out;
    }

    private static ASN1Element[] ASN1com(ASN1Element set) throws Exception {
        return com.unboundid.asn1.ASN1Set.decodeAsSet(set).elements();
    }

    private static Case.Action search(LdapAs as, String base, SearchScope scope, String filter, Control control) {
        return (s, o) -> {
            SearchRequest r = new SearchRequest(base, scope, filter, "1.1");
            r.addControl(control);
            LDAPConnection c = as.connect(s);
            try {
                SearchResult result = Ops.search(c, r);
                o.result("search", result)
                        .put("entries", result.getEntryCount())
                        .put("deref", responses(result));
            } finally {
                if (c != s.admin()) {
                    c.close();
                }
            }
        };
    }

    @FunctionalInterface
    interface LdapAs {
        LDAPConnection connect(Server s) throws Exception;
    }

    private static final LdapAs ADMIN = Server::admin;
    private static final LdapAs ALICE = s -> {
        LDAPConnection c = s.connect();
        c.bind(SearchCases.ALICE, "alice-password");
        return c;
    };

    public static List<Case> all() {
        return List.of(
                read(
                        "deref member to uid and cn",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=*)", deref(true, new String[] {"member", "uid", "cn"
                        }))),
                read(
                        "deref member, attributes the targets lack",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=developers)", deref(true, new String[] {
                            "member", "description", "employeeNumber"
                        }))),
                read(
                        "deref member, no attributes",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=admins)", deref(true, new String[] {"member"}))),
                read(
                        "deref two attributes",
                        search(
                                ADMIN,
                                GROUPS,
                                SearchScope.ONE,
                                "(cn=admins)",
                                deref(true, new String[] {"member", "sn"}, new String[] {"seeAlso", "cn"}))),
                read(
                        "deref on entries without the attribute",
                        search(
                                ADMIN,
                                "ou=people,dc=example,dc=com",
                                SearchScope.ONE,
                                "(uid=*)",
                                deref(true, new String[] {"member", "cn"}))),
                read(
                        "deref not critical",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=admins)", deref(false, new String[] {
                            "member", "mail"
                        }))),
                read(
                        "deref an attribute that is not a DN",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=admins)", deref(true, new String[] {"cn", "cn"}))),
                read(
                        "deref an unknown attribute",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=admins)", deref(true, new String[] {"fooBar", "cn"
                        }))),
                read(
                        "deref the same attribute twice",
                        search(
                                ADMIN,
                                GROUPS,
                                SearchScope.ONE,
                                "(cn=admins)",
                                deref(true, new String[] {"member", "cn"}, new String[] {"member", "sn"}))),
                read(
                        "deref with all user attributes",
                        search(ADMIN, GROUPS, SearchScope.ONE, "(cn=admins)", deref(true, new String[] {"member", "*"
                        }))),
                read(
                        "deref as a user: what they may read",
                        search(ALICE, GROUPS, SearchScope.ONE, "(cn=developers)", deref(true, new String[] {
                            "member", "cn", "userPassword"
                        }))),
                write("deref a member that does not exist", (s, o) -> {
                    o.result(
                            "add",
                            Ops.call(() -> s.admin()
                                    .add(new AddRequest(
                                            s.dn("cn=g"),
                                            new Attribute("objectClass", "groupOfNames"),
                                            new Attribute("cn", "g"),
                                            new Attribute("member", s.dn("uid=p1"), s.dn("uid=gone"))))));
                    search(ADMIN, s.base(), SearchScope.ONE, "(cn=g)", deref(true, new String[] {"member", "uid"}))
                            .run(s, o);
                }));
    }
}
