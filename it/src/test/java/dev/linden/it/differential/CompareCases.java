package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;

import com.unboundid.ldap.sdk.CompareRequest;
import java.util.List;

/**
 * Compares as the administrator. Not compared: userPassword, which slapd keeps as given by ldapadd
 * and Linden hashes on import, so the same compare is TRUE on one and FALSE on the other by design.
 */
public final class CompareCases {
    private static final String ALICE = SearchCases.ALICE;

    private CompareCases() {}

    private static Case.Action compare(String dn, String attribute, String value) {
        CompareRequest request = new CompareRequest(dn, attribute, value);
        return (s, o) -> o.result("compare", Ops.call(() -> s.admin().compare(request)));
    }

    public static List<Case> all() {
        return List.of(
                read("compare true", compare(ALICE, "mail", "alice@example.com")),
                read("compare true ignoring case and spaces", compare(ALICE, "cn", "  ALICE   andersen ")),
                read("compare false", compare(ALICE, "mail", "bob@example.com")),
                read("compare attribute absent from the entry", compare(ALICE, "description", "x")),
                read(
                        "compare entry does not exist",
                        compare("uid=nobody,ou=people,dc=example,dc=com", "uid", "nobody")),
                read("compare undefined attribute type", compare(ALICE, "fooBar", "x")),
                read(
                        "compare a DN value",
                        compare(
                                "cn=admins,ou=groups,dc=example,dc=com",
                                "member",
                                "UID=alice, ou=People,dc=example,dc=com")),
                read("compare an integer", compare("uid=dave,ou=people,dc=example,dc=com", "uidNumber", "02001")),
                read(
                        "compare an integer with spaces",
                        compare("uid=dave,ou=people,dc=example,dc=com", "uidNumber", " 2001 ")),
                read("compare an empty value", compare(ALICE, "cn", "")),
                read("compare an unknown object class", compare(ALICE, "objectClass", "fooClass")),
                read("compare an unknown object class OID", compare(ALICE, "objectClass", "1.2.3.4")),
                read("compare an invalid integer", compare("uid=dave,ou=people,dc=example,dc=com", "uidNumber", "abc")),
                read("compare objectClass by a superclass", compare(ALICE, "objectClass", "person")),
                read("compare a supertype (name)", compare(ALICE, "name", "Andersen")),
                read("compare telephoneNumber ignoring spaces", compare(ALICE, "telephoneNumber", "+15550101")),
                read("compare hasSubordinates of a leaf, FALSE", compare(ALICE, "hasSubordinates", "FALSE")),
                read("compare hasSubordinates of a leaf, TRUE", compare(ALICE, "hasSubordinates", "TRUE")),
                read(
                        "compare hasSubordinates of a branch",
                        compare("ou=people,dc=example,dc=com", "hasSubordinates", "TRUE")),
                read("compare hasSubordinates, invalid boolean", compare(ALICE, "hasSubordinates", "yes")),
                read("compare entryDN", compare(ALICE, "entryDN", ALICE)),
                read("compare subschemaSubentry", compare(ALICE, "subschemaSubentry", "cn=Subschema")));
    }
}
