package dev.linden.it.differential;

import static com.unboundid.ldap.sdk.ModificationType.ADD;
import static com.unboundid.ldap.sdk.ModificationType.DELETE;
import static com.unboundid.ldap.sdk.ModificationType.INCREMENT;
import static com.unboundid.ldap.sdk.ModificationType.REPLACE;
import static dev.linden.it.differential.Case.write;
import static dev.linden.it.differential.Ops.step;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import java.util.List;

/** Modifies of the fixture's uid=p1 (inetOrgPerson and posixAccount); the subtree afterwards is compared too. */
public final class ModifyCases {
    private static final String C1 = "uid=c1,ou=sub"; // an inetOrgPerson only

    private ModifyCases() {}

    private static Case.Action modify(String rdn, Modification... changes) {
        return step(s -> () -> s.admin().modify(new ModifyRequest(s.dn(rdn), changes)));
    }

    private static Case.Action modifyP1(Modification... changes) {
        return modify("uid=p1", changes);
    }

    private static Modification m(ModificationType type, String name, String... values) {
        return new Modification(type, name, values);
    }

    public static List<Case> all() {
        return List.of(
                write("modify add a value", modifyP1(m(ADD, "mail", "pat@example.com"))),
                write("modify add a new attribute", modifyP1(m(ADD, "description", "new", "two"))),
                write("modify add an existing value", modifyP1(m(ADD, "mail", "P1@EXAMPLE.COM"))),
                write("modify add with no values", modifyP1(m(ADD, "description"))),
                write("modify delete a value", modifyP1(m(DELETE, "cn", "Pat One"), m(ADD, "cn", "Patricia One"))),
                write("modify delete a missing value", modifyP1(m(DELETE, "mail", "nobody@example.com"))),
                write("modify delete a whole attribute", modifyP1(m(DELETE, "telephoneNumber"))),
                write("modify delete an absent attribute", modifyP1(m(DELETE, "description"))),
                write("modify delete a value of an absent attribute", modifyP1(m(DELETE, "description", "x"))),
                write("modify replace", modifyP1(m(REPLACE, "mail", "a@example.com", "b@example.com"))),
                write("modify replace with nothing on an absent attribute", modifyP1(m(REPLACE, "description"))),
                write("modify replace with nothing removes", modifyP1(m(REPLACE, "telephoneNumber"))),
                write(
                        "modify replace with duplicate values",
                        modifyP1(m(REPLACE, "mail", "a@example.com", "A@example.com"))),
                write("modify increment", modifyP1(m(INCREMENT, "uidNumber", "5"))),
                write("modify increment by a negative", modifyP1(m(INCREMENT, "uidNumber", "-3001"))),
                write("modify increment an absent attribute", modify(C1, m(INCREMENT, "uidNumber", "1"))),
                write("modify increment a string", modifyP1(m(INCREMENT, "sn", "1"))),
                write("modify increment by a non-integer", modifyP1(m(INCREMENT, "uidNumber", "x"))),
                write("modify remove a MUST attribute", modifyP1(m(DELETE, "sn"))),
                // Not compared: removing an RDN value (delete uid: p1, or replace uid: pat). RFC 4511 4.6 says
                // "An attempt to do so will result in the server returning the notAllowedOnRDN result code":
                // Linden answers 67 as written; slapd answers namingViolation (64) from its schema check.
                write("modify replace the RDN attribute keeping its value", modifyP1(m(REPLACE, "uid", "p1", "pat"))),
                write("modify change the structural class", modify(C1, m(REPLACE, "objectClass", "account"))),
                write(
                        "modify add an auxiliary class with its MUSTs",
                        modify(
                                C1,
                                m(ADD, "objectClass", "posixAccount"),
                                m(ADD, "uidNumber", "4001"),
                                m(ADD, "gidNumber", "4000"),
                                m(ADD, "homeDirectory", "/home/c1"))),
                write(
                        "modify add an auxiliary class without its MUSTs",
                        modify(C1, m(ADD, "objectClass", "posixAccount"))),
                write("modify remove an auxiliary class in use", modifyP1(m(DELETE, "objectClass", "posixAccount"))),
                write("modify add an attribute not allowed", modify("ou=target", m(ADD, "mail", "x@example.com"))),
                write("modify unknown attribute type", modifyP1(m(ADD, "fooBar", "x"))),
                write("modify two values into a single-valued attribute", modifyP1(m(ADD, "uidNumber", "7"))),
                write(
                        "modify NO-USER-MODIFICATION attribute",
                        modifyP1(m(REPLACE, "modifyTimestamp", "20240101000000Z"))),
                write("modify no such entry", modify("uid=nobody", m(REPLACE, "sn", "x"))),
                write("modify invalid syntax", modifyP1(m(REPLACE, "uidNumber", "abc"))),
                write("modify is atomic", modifyP1(m(REPLACE, "sn", "Changed"), m(ADD, "mail", "p1@example.com"))),
                write(
                        "modify invalid DN",
                        step(s -> () -> s.admin().modify(new ModifyRequest("not a dn", m(REPLACE, "sn", "x"))))));
    }
}
