package dev.linden.it.differential;

import static dev.linden.it.differential.Case.write;
import static dev.linden.it.differential.Ops.step;

import com.unboundid.ldap.sdk.ModifyDNRequest;
import java.util.List;

/** Renames and moves in the fixture; the subtree afterwards (entries, RDN values, moved children) is compared. */
public final class ModifyDnCases {
    private ModifyDnCases() {}

    private static Case.Action rename(String rdn, String newRdn, boolean deleteOldRdn) {
        return step(s -> () -> s.admin().modifyDN(new ModifyDNRequest(s.dn(rdn), newRdn, deleteOldRdn)));
    }

    private static Case.Action move(String rdn, String newRdn, boolean deleteOldRdn, String newSuperiorRdns) {
        return step(s ->
                () -> s.admin().modifyDN(new ModifyDNRequest(s.dn(rdn), newRdn, deleteOldRdn, s.dn(newSuperiorRdns))));
    }

    public static List<Case> all() {
        return List.of(
                write("rename deleting the old RDN", rename("uid=p1", "uid=pat", true)),
                write("rename keeping the old RDN", rename("uid=p1", "uid=pat", false)),
                write("rename to another attribute type", rename("uid=c1,ou=sub", "cn=Child One", true)),
                write("rename deleting a MUST value of an auxiliary class", rename("uid=p1", "cn=Pat One", true)),
                write("rename to a new RDN value of another type, keeping the old", rename("uid=p1", "cn=Pat", false)),
                write("rename to a multi-valued RDN", rename("uid=p1", "uid=p1+sn=One", true)),
                write("rename changing only case", rename("uid=c1,ou=sub", "uid=C1", true)),
                write("move with newSuperior", move("uid=p1", "uid=p1", true, "ou=target")),
                write("move and rename", move("uid=c1,ou=sub", "uid=moved", true, "ou=target")),
                write("rename to an existing DN", rename("uid=c1,ou=sub", "uid=c2", true)),
                write("rename a non-leaf", rename("ou=sub", "ou=renamed", true)),
                write("move a non-leaf", move("ou=sub", "ou=sub", true, "ou=target")),
                write("new superior missing", move("uid=p1", "uid=p1", true, "ou=missing")),
                write("move under itself", move("ou=sub", "ou=sub", true, "uid=c1,ou=sub")),
                write("rename a non-existent entry", rename("uid=nobody", "uid=somebody", true)),
                write("rename to an attribute not allowed", rename("uid=c1,ou=sub", "dc=c1", true)),
                write("rename deleting a MUST RDN value", rename("ou=target", "description=target", true)),
                write("rename to an unknown attribute type", rename("uid=c1,ou=sub", "fooBar=c1", true)),
                write("rename to an invalid RDN", rename("uid=c1,ou=sub", "not an rdn", true)),
                write("rename with an invalid integer RDN", rename("uid=p1", "uidNumber=abc", false)),
                write(
                        "rename to an attribute without an equality rule",
                        rename("uid=p1", "facsimileTelephoneNumber=1", false)));
    }
}
