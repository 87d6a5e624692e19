package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import dev.linden.it.differential.Ops;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact text of the DNs a server returns, Linden against a real slapd given the same requests
 * with the same odd spellings: entries added (escapes, types by name, OID or alias, several values,
 * UTF-8, spaces, LDAPv2 quotes, the parent spelled otherwise), renamed and moved, the matchedDN of a
 * missing entry, the identity Who am I? returns, the names stamped in creatorsName, memberOf values
 * and member values rewritten on rename (slapd with its memberOf overlay and its integrity). The
 * differential suite compares DNs normalised; this compares them byte for byte. Values with a '#'
 * inside are left out: Linden escapes it there and slapd does not (see DnSyntax.showValue).
 */
class DnSpellingIT {
    static Slapd slapd;
    static TestServer linden;
    static LDAPConnection slapdAdmin;
    static LDAPConnection lindenAdmin;

    /** What one server showed, by label, in order. */
    @FunctionalInterface
    interface Script {
        void run(LDAPConnection admin, int port, Map<String, String> seen) throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start("moduleload memberof", """
                overlay memberof
                memberof-refint TRUE
                """).loadResource(TestServer.class, "sample.ldif");
        linden = TestServer.memory().loadResource("sample.ldif");
        slapdAdmin = new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
        lindenAdmin = new LDAPConnection("127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {lindenAdmin, slapdAdmin, linden, slapd}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private static void sameAsSlapd(Script script) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        script.run(slapdAdmin, slapd.port(), expected);
        Map<String, String> actual = new LinkedHashMap<>();
        script.run(lindenAdmin, linden.port(), actual);
        assertThat(actual).as("Linden (actual) against slapd (expected)").containsExactlyEntriesOf(expected);
        assertThat(actual).as("the script saw something").isNotEmpty();
    }

    private static Attribute a(String name, String... values) {
        return new Attribute(name, values);
    }

    private static String code(LDAPResult r) {
        String matched = r.getMatchedDN();
        return r.getResultCode() + (matched == null ? "" : " matched=" + matched);
    }

    /** Every entry of a subtree, keyed by its normalised DN: the DN and entryDN as the server wrote them. */
    private static void subtree(LDAPConnection c, String base, String label, Map<String, String> seen)
            throws LDAPException {
        SearchResult r = Ops.search(c, base, SearchScope.SUB, "(objectClass=*)", "entryDN");
        List<SearchResultEntry> entries = new ArrayList<>(r.getSearchEntries());
        entries.sort(Comparator.comparing(e -> normalized(e.getDN())));
        for (SearchResultEntry e : entries) {
            seen.put(label + " " + normalized(e.getDN()), e.getDN() + " | entryDN " + e.getAttributeValue("entryDN"));
        }
    }

    private static String normalized(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return "(invalid) " + dn;
        }
    }

    @Test
    void addedEntriesAreShownAsSlapdShowsThem() throws Exception {
        sameAsSlapd((c, port, seen) -> {
            seen.put(
                    "branch",
                    code(Ops.call(() -> c.add(new AddRequest(
                            "OU=Spelling , DC=Example,dc=com",
                            List.of(a("objectClass", "organizationalUnit"), a("ou", "Spelling")))))));
            String under = ",ou=SPELLING,dc=example,dc=com";
            Object[][] adds = {
                {"CN=Comma\\, Here + sn=Multi", a("cn", "Comma, Here"), a("sn", "Multi")},
                {"cn=a\\=b", a("cn", "a=b")},
                {"cn==lead", a("cn", "=lead")},
                {"cn=plus\\+sign", a("cn", "plus+sign")},
                {"cn=\\\"quoted\\\" \\<lt\\> \\;semi \\5C back", a("cn", "\"quoted\" <lt> ;semi \\ back")},
                {"cn=\\#hash\\20", a("cn", "#hash ")},
                {"cn=\\ lead and trail\\ ", a("cn", " lead and trail ")},
                {"cn=J\u00fcrgen M\u00fcller", a("cn", "J\u00fcrgen M\u00fcller")},
                {"cn=J\\C3\\BCrgen2", a("cn", "J\u00fcrgen2")},
                {"cn=\u6771\u4eac", a("cn", "\u6771\u4eac")},
                {"2.5.4.3=oid type", a("cn", "oid type")},
                {"commonName=long name", a("cn", "long name")},
                {"cn=\"ldapv2 quoted, x\"", a("cn", "ldapv2 quoted, x")},
                {"uid=Sam+cn=Zed+sn=Abc", a("uid", "Sam"), a("cn", "Zed"), a("sn", "Abc")},
                {"cn=spaces  inside", a("cn", "spaces  inside")},
                {"cn=Sp Ace  ", a("cn", "Sp Ace")},
                {"cn=\\09leadtab", a("cn", "\tleadtab")},
                {"cn=paren(*)'/ok", a("cn", "paren(*)'/ok")},
            };
            for (Object[] add : adds) {
                List<Attribute> attrs = new ArrayList<>(List.of(a("objectClass", "inetOrgPerson")));
                for (int i = 1; i < add.length; i++) {
                    attrs.add((Attribute) add[i]);
                }
                if (attrs.stream().noneMatch(x -> x.getName().equals("sn"))) {
                    attrs.add(a("sn", "x"));
                }
                seen.put("add " + add[0], code(Ops.call(() -> c.add(new AddRequest(add[0] + under, attrs)))));
            }
            subtree(c, "ou=spelling,dc=example,dc=com", "entry", seen);
            // read back by another spelling: the entry's own form comes back
            SearchResult base = Ops.search(
                    c,
                    "COMMONNAME=COMMA\\2C HERE+SN=MULTI,OU=spelling,dc=EXAMPLE,dc=com",
                    SearchScope.BASE,
                    "(objectClass=*)",
                    "1.1");
            seen.put(
                    "base search",
                    base.getSearchEntries().isEmpty()
                            ? "none"
                            : base.getSearchEntries().get(0).getDN());
        });
    }

    @Test
    void renamesAndMovesAreShownAsSlapdShowsThem() throws Exception {
        sameAsSlapd((c, port, seen) -> {
            for (String[] add : new String[][] {
                {"ou=Renames,dc=example,dc=com", "organizationalUnit", "ou", "Renames"},
                {"ou=From,ou=RENAMES,dc=example,dc=com", "organizationalUnit", "ou", "From"},
                {"ou=To,ou=renames,DC=EXAMPLE,DC=COM", "organizationalUnit", "ou", "To"},
                {"cn=One,ou=from,ou=renames,dc=example,dc=com", "organizationalRole", "cn", "One"},
                {"ou=Sub,CN=ONE,ou=from,ou=renames,dc=example,dc=com", "organizationalUnit", "ou", "Sub"}
            }) {
                seen.put(
                        "add " + add[0],
                        code(Ops.call(() -> c.add(add[0], a("objectClass", add[1]), a(add[2], add[3])))));
            }
            String base = "ou=renames,dc=example,dc=com";
            seen.put(
                    "rename",
                    code(Ops.call(() -> c.modifyDN(new ModifyDNRequest(
                            "cn=ONE,ou=FROM,ou=renames,dc=example,dc=com", "CN=New\\, Name", false)))));
            subtree(c, base, "after rename", seen);
            seen.put(
                    "move",
                    code(Ops.call(() -> c.modifyDN(new ModifyDNRequest(
                            "cn=new\\2c name,ou=from,ou=renames,dc=example,dc=com",
                            "commonName=Moved\\=1",
                            false,
                            "OU=TO,OU=RENAMES,DC=EXAMPLE,DC=COM")))));
            subtree(c, base, "after move", seen);
            seen.put(
                    "rename parent",
                    code(Ops.call(() -> c.modifyDN(
                            new ModifyDNRequest("OU=to,ou=renames,dc=example,dc=com", "ou=Destination", true)))));
            subtree(c, base, "after parent", seen);
            seen.put(
                    "case only",
                    code(Ops.call(() -> c.modifyDN(new ModifyDNRequest(
                            "ou=destination,ou=renames,dc=example,dc=com", "OU=DESTINATION", true)))));
            subtree(c, base, "after case", seen);
        });
    }

    @Test
    void matchedDnNamesTheEntryAsStored() throws Exception {
        sameAsSlapd((c, port, seen) -> {
            seen.put(
                    "search",
                    code(Ops.search(c, "cn=nothere,OU=PEOPLE,DC=EXAMPLE,dc=com", SearchScope.BASE, "(objectClass=*)")));
            seen.put(
                    "deeper",
                    code(Ops.search(
                            c, "cn=x,ou=nothere,OU=People,dc=EXAMPLE,dc=com", SearchScope.BASE, "(objectClass=*)")));
            seen.put(
                    "add",
                    code(Ops.call(() -> c.add(
                            "cn=x,ou=nothere,OU=PEOPLE,DC=EXAMPLE,dc=com",
                            a("objectClass", "organizationalRole"),
                            a("cn", "x")))));
            seen.put("delete", code(Ops.call(() -> c.delete("cn=x,UID=ALICE,ou=people,dc=example,dc=com"))));
        });
    }

    /**
     * The parents are spelled as stored here: slapd's overlays copy the DN of the request, parent
     * part included, into the memberOf and member values they write (a group added under
     * {@code ou=GROUPS} is {@code ou=groups} in its own DN, {@code ou=GROUPS} in memberOf), where
     * Linden computes memberOf from the group entries and always shows their DN as stored.
     */
    @Test
    void groupsNameTheirMembersAndMembersTheirGroupsAsStored() throws Exception {
        sameAsSlapd((c, port, seen) -> {
            String bob = "uid=bob,ou=people,dc=example,dc=com";
            c.add(
                    "CN=Ops\\, Europe,ou=groups,dc=example,dc=com",
                    a("objectClass", "groupOfNames"),
                    a("cn", "Ops, Europe"),
                    a("member", bob));
            seen.put("memberOf", String.join(" | ", c.getEntry(bob, "memberOf").getAttributeValues("memberOf")));
            c.modifyDN(new ModifyDNRequest(bob, "UID=Robert", true));
            String robert = "uid=robert,ou=people,dc=example,dc=com";
            seen.put(
                    "member after rename",
                    String.join(
                            " | ",
                            c.getEntry("cn=ops\\2c europe,ou=groups,dc=example,dc=com", "member")
                                    .getAttributeValues("member")));
            seen.put(
                    "memberOf after rename",
                    String.join(" | ", c.getEntry(robert, "memberOf").getAttributeValues("memberOf")));
            c.modifyDN(new ModifyDNRequest("cn=ops\\2c europe,ou=groups,dc=example,dc=com", "CN=Ops\\, World", true));
            seen.put(
                    "memberOf after group rename",
                    String.join(" | ", c.getEntry(robert, "memberOf").getAttributeValues("memberOf")));
            c.modifyDN(new ModifyDNRequest(robert, "uid=bob", true)); // as it was, for the other tests
            c.delete("cn=ops\\2c world,ou=groups,dc=example,dc=com");
        });
    }

    @Test
    void identitiesAreShownAsSlapdShowsThem() throws Exception {
        sameAsSlapd((c, port, seen) -> {
            try (LDAPConnection alice = new LDAPConnection("127.0.0.1", port)) {
                alice.bind("UID=alice , OU=PEOPLE,dc=example,dc=com", "alice-password");
                WhoAmIExtendedResult who =
                        (WhoAmIExtendedResult) alice.processExtendedOperation(new WhoAmIExtendedRequest());
                seen.put("whoami user", who.getAuthorizationID());
            }
            try (LDAPConnection root = new LDAPConnection("127.0.0.1", port)) {
                String password = port == slapd.port() ? Slapd.ADMIN_PASSWORD : TestServer.ADMIN_PASSWORD;
                root.bind("CN=ADMIN,DC=Example,dc=com", password);
                WhoAmIExtendedResult who =
                        (WhoAmIExtendedResult) root.processExtendedOperation(new WhoAmIExtendedRequest());
                seen.put("whoami root", who.getAuthorizationID());
                root.add(
                        "cn=Stamped,OU=PEOPLE,dc=example,dc=com",
                        a("objectClass", "organizationalRole"),
                        a("cn", "Stamped"));
                SearchResultEntry e =
                        root.getEntry("cn=stamped,ou=people,dc=example,dc=com", "creatorsName", "modifiersName");
                seen.put(
                        "stamped",
                        e.getDN() + " | " + e.getAttributeValue("creatorsName") + " | "
                                + e.getAttributeValue("modifiersName"));
                root.delete("cn=stamped,ou=people,dc=example,dc=com");
            }
        });
    }
}
