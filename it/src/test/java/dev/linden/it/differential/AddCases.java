package dev.linden.it.differential;

import static dev.linden.it.differential.Case.write;
import static dev.linden.it.differential.Ops.step;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import java.util.List;

/** Adds in each case's own subtree (see {@link Fixture}); the subtree afterwards is compared too. */
public final class AddCases {
    private AddCases() {}

    /** An add of {@code rdn} under the case's base with the given attributes. */
    private static Case.Action add(String rdn, Attribute... attributes) {
        return step(s -> () -> s.admin().add(new AddRequest(s.dn(rdn), attributes)));
    }

    private static Attribute a(String name, String... values) {
        return new Attribute(name, values);
    }

    private static final Attribute PERSON = a("objectClass", "inetOrgPerson");
    private static final Attribute POSIX_PERSON = a("objectClass", "inetOrgPerson", "posixAccount");

    public static List<Case> all() {
        return List.of(
                write("add ok", add("uid=new", PERSON, a("uid", "new"), a("cn", "New One"), a("sn", "One"))),
                write("add with a multi-valued RDN", add("cn=New+sn=One", PERSON, a("cn", "New"), a("sn", "One"))),
                write("add with the RDN value in other case", add("cn=NEW", PERSON, a("cn", "new"), a("sn", "One"))),
                write("add already exists", add("uid=p1", PERSON, a("uid", "p1"), a("cn", "x"), a("sn", "x"))),
                write("add parent missing", add("uid=x,ou=missing", PERSON, a("uid", "x"), a("cn", "x"), a("sn", "x"))),
                write("add no objectClass", add("cn=x", a("cn", "x"), a("sn", "x"))),
                write("add no structural class", add("cn=x", a("objectClass", "top"), a("cn", "x"))),
                write(
                        "add only an auxiliary class",
                        add(
                                "uid=x",
                                a("objectClass", "posixAccount"),
                                a("uid", "x"),
                                a("cn", "x"),
                                a("uidNumber", "1"),
                                a("gidNumber", "1"),
                                a("homeDirectory", "/x"))),
                write("add missing MUST attribute", add("cn=x", PERSON, a("cn", "x"))),
                write(
                        "add attribute not allowed",
                        add("ou=x", a("objectClass", "organizationalUnit"), a("ou", "x"), a("mail", "x@example.com"))),
                write("add unknown attribute type", add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("fooBar", "1"))),
                write("add unknown object class", add("cn=x", a("objectClass", "fooClass"), a("cn", "x"))),
                write(
                        "add two values to a single-valued attribute",
                        add(
                                "uid=x",
                                POSIX_PERSON,
                                a("uid", "x"),
                                a("cn", "x"),
                                a("sn", "x"),
                                a("uidNumber", "1", "2"),
                                a("gidNumber", "1"),
                                a("homeDirectory", "/x"))),
                write("add duplicate values", add("cn=x", PERSON, a("cn", "x"), a("sn", "y", "y"))),
                write("add duplicate values differing in case", add("cn=x", PERSON, a("cn", "x"), a("sn", "y", "Y"))),
                write("add the same attribute twice", add("cn=x", PERSON, a("cn", "x"), a("sn", "y"), a("sn", "z"))),
                write("add RDN value not in the entry", add("cn=zz", PERSON, a("cn", "other"), a("sn", "x"))),
                write("add RDN attribute not in the entry", add("uid=zz", PERSON, a("cn", "x"), a("sn", "x"))),
                write(
                        "add invalid DN syntax",
                        step(s -> () -> s.admin()
                                .add(new AddRequest("not a dn", List.of(PERSON, a("cn", "x"), a("sn", "x")))))),
                write(
                        "add attribute with no values",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("description"))),
                write(
                        "add NO-USER-MODIFICATION attribute",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("createTimestamp", "20240101000000Z"))),
                write(
                        "add invalid integer syntax",
                        add(
                                "uid=x",
                                POSIX_PERSON,
                                a("uid", "x"),
                                a("cn", "x"),
                                a("sn", "x"),
                                a("uidNumber", "abc"),
                                a("gidNumber", "1"),
                                a("homeDirectory", "/x"))),
                write("add with an empty value", add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("description", ""))),
                write("add with an empty IA5 value", add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("mail", ""))),
                write(
                        "add with an empty telephone number",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("telephoneNumber", ""))),
                // extensibleObject allows any attribute
                write(
                        "add extensibleObject with an attribute outside the classes",
                        add(
                                "ou=x",
                                a("objectClass", "organizationalUnit", "extensibleObject"),
                                a("ou", "x"),
                                a("mail", "x@example.com"),
                                a("uidNumber", "5"))),
                // syntax validation, one case per syntax the stock slapd schema lets a client write
                write(
                        "add invalid DN syntax value",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("seeAlso", "not a dn"))),
                write(
                        "add valid DN syntax value",
                        add(
                                "cn=x",
                                PERSON,
                                a("cn", "x"),
                                a("sn", "x"),
                                a("seeAlso", "uid=p1,ou=people,dc=example,dc=com"))),
                write(
                        "add invalid numeric string",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("x121Address", "12a"))),
                write(
                        "add valid numeric string",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("x121Address", "12 34"))),
                write(
                        "add non-ASCII IA5 string",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("mail", "j\u00e9@example.com"))),
                write("add invalid country string", add("c=USA", a("objectClass", "country"), a("c", "USA"))),
                write("add valid country string", add("c=FR", a("objectClass", "country"), a("c", "FR"))),
                write(
                        "add invalid printable string",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("destinationIndicator", "caf\u00e9"))),
                write(
                        "add valid printable string",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("destinationIndicator", "Paris 1"))),
                write(
                        "add postal address with an empty line",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("postalAddress", "1 Main St$$Springfield"))),
                write(
                        "add valid postal address",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("postalAddress", "1 Main St$Springfield"))),
                write(
                        "add invalid telephone number",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("telephoneNumber", "+1 555 \u260e"))),
                write(
                        "add telephone number with a character outside printable strings",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("telephoneNumber", "ab!c"))),
                write(
                        "add telephone number of hyphens only",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("telephoneNumber", "- -"))),
                write(
                        "add telephone number of a plus sign",
                        add("cn=x", PERSON, a("cn", "x"), a("sn", "x"), a("telephoneNumber", "+"))),
                write(
                        "add RDN on an attribute without an equality rule",
                        add(
                                "facsimileTelephoneNumber=123",
                                a("objectClass", "organizationalPerson"),
                                a("cn", "x"),
                                a("sn", "x"),
                                a("facsimileTelephoneNumber", "123"))),
                write(
                        "add negative integer",
                        add(
                                "uid=x",
                                POSIX_PERSON,
                                a("uid", "x"),
                                a("cn", "x"),
                                a("sn", "x"),
                                a("uidNumber", "-5"),
                                a("gidNumber", "1"),
                                a("homeDirectory", "/x"))),
                write(
                        "add integer with a leading zero",
                        add(
                                "uid=x",
                                POSIX_PERSON,
                                a("uid", "x"),
                                a("cn", "x"),
                                a("sn", "x"),
                                a("uidNumber", "05"),
                                a("gidNumber", "1"),
                                a("homeDirectory", "/x"))),
                write(
                        "add invalid OID syntax (objectClass value)",
                        add("cn=x", a("objectClass", "inetOrgPerson", "1..2"), a("cn", "x"), a("sn", "x"))));
    }
}
