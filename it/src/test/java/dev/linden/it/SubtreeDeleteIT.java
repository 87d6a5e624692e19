package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import dev.linden.testkit.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The subtree delete control with the UnboundID SDK's class: a whole subtree goes in one transaction
 * (with the references to it), or none of it does — when the asker may not delete one of its entries,
 * or when it is larger than extensions.subtreeDeleteLimit. slapd 2.5 does not offer the control (it
 * answers unavailableCriticalExtension), so it is tested here against its own definition.
 */
class SubtreeDeleteIT {
    private static final String PROJ = "ou=proj,dc=example,dc=com";
    private static final String RULES = """
            extensions: {subtreeDeleteLimit: 25}
            access:
              rules:
                - to: {attrs: [userPassword]}
                  by: [{who: anyone, grant: auth}]
                - to: {subtree: "cn=locked,ou=proj,dc=example,dc=com"}
                  by: [{who: users, grant: read}]
                - to: {subtree: "ou=proj,dc=example,dc=com"}
                  by: [{who: users, grant: write}]
                - to: {}
                  by: [{who: users, grant: read}]
            """;

    /** ou=proj with {@code teams} teams of {@code members} people each, and a group outside naming two of them. */
    private static String tree(int teams, int members, boolean locked) {
        StringBuilder ldif = new StringBuilder("dn: " + PROJ + "\nobjectClass: organizationalUnit\nou: proj\n");
        for (int t = 0; t < teams; t++) {
            String team = "ou=t" + t + "," + PROJ;
            ldif.append("\ndn: ")
                    .append(team)
                    .append("\nobjectClass: organizationalUnit\nou: t")
                    .append(t)
                    .append('\n');
            for (int m = 0; m < members; m++) {
                ldif.append("\ndn: cn=p")
                        .append(m)
                        .append(',')
                        .append(team)
                        .append("\nobjectClass: person\ncn: p")
                        .append(m)
                        .append("\nsn: p\n");
            }
        }
        if (locked) {
            ldif.append("\ndn: cn=locked,").append(PROJ).append("\nobjectClass: person\ncn: locked\nsn: l\n");
        }
        ldif.append("\ndn: cn=team-leads,ou=groups,dc=example,dc=com\nobjectClass: groupOfNames\ncn: team-leads\n")
                .append("member: cn=p0,ou=t0,")
                .append(PROJ)
                .append("\nmember: uid=alice,ou=people,dc=example,dc=com\n");
        return ldif.toString();
    }

    private static int count(LDAPConnection c, String base) throws Exception {
        try {
            return c.search(base, SearchScope.SUB, "(objectClass=*)", "1.1").getEntryCount();
        } catch (com.unboundid.ldap.sdk.LDAPSearchException e) {
            return e.getResultCode() == ResultCode.NO_SUCH_OBJECT ? 0 : -1;
        }
    }

    private static DeleteRequest subtreeDelete(String dn) {
        DeleteRequest d = new DeleteRequest(dn);
        d.addControl(new SubtreeDeleteRequestControl(true));
        return d;
    }

    @Test
    void aWholeSubtreeGoesInOneOperationWithTheReferencesToIt() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(tree(4, 5, false));
                LDAPConnection bob = new LDAPConnection(
                        "127.0.0.1", s.port(), "uid=bob,ou=people,dc=example,dc=com", "bob-password")) {
            assertThat(count(bob, PROJ)).isEqualTo(25);
            assertThat(resultOf(() -> bob.delete(PROJ))).isEqualTo(ResultCode.NOT_ALLOWED_ON_NONLEAF);
            assertThat(bob.delete(subtreeDelete(PROJ)).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(count(bob, PROJ)).isZero();
            assertThat(bob.getEntry("cn=team-leads,ou=groups,dc=example,dc=com")
                            .getAttribute("member")
                            .getValues())
                    .containsExactly(
                            "uid=alice,ou=people,dc=example,dc=com"); // referential integrity in the same transaction
        }
    }

    @Test
    void oneEntryTheAskerMayNotDeleteKeepsTheWholeSubtree() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(tree(2, 3, true));
                LDAPConnection bob = new LDAPConnection(
                        "127.0.0.1", s.port(), "uid=bob,ou=people,dc=example,dc=com", "bob-password")) {
            int before = count(bob, PROJ);
            assertThat(resultOf(() -> bob.delete(subtreeDelete(PROJ))))
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            assertThat(count(bob, PROJ)).isEqualTo(before);
            // a subtree without the locked entry goes
            assertThat(bob.delete(subtreeDelete("ou=t1," + PROJ)).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(count(bob, PROJ)).isEqualTo(before - 4);
        }
    }

    @Test
    void aSubtreeLargerThanTheLimitIsRefusedWhole() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(tree(5, 5, false));
                LDAPConnection admin =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(count(admin, PROJ)).isEqualTo(31);
            assertThat(resultOf(() -> admin.delete(subtreeDelete(PROJ)))).isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED);
            assertThat(count(admin, PROJ)).isEqualTo(31);
            assertThat(admin.delete(subtreeDelete("ou=t0," + PROJ)).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(count(admin, PROJ)).isEqualTo(25);
            assertThat(admin.delete(subtreeDelete(PROJ)).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS); // 25: the limit
            assertThat(count(admin, PROJ)).isZero();
        }
    }
}
