package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import dev.linden.testkit.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Dynamic groups (groupOfURLs + memberURL) count for memberOf, in-chain matching and access control. */
class DynamicGroupsIT {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String DYN = "cn=engineers,ou=groups,dc=example,dc=com";
    static final String ALL = "cn=all-engineering,ou=groups,dc=example,dc=com";
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    static final String GROUPS = """
            dn: cn=engineers,ou=groups,dc=example,dc=com
            objectClass: groupOfURLs
            cn: engineers
            memberURL: ldap:///ou=people,dc=example,dc=com??sub?(title=*Engineer*)

            dn: cn=all-engineering,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: all-engineering
            member: cn=engineers,ou=groups,dc=example,dc=com
            member: uid=alice,ou=people,dc=example,dc=com
            """;
    static final String RULES = """
            access:
              rules:
                - to: {attrs: [description], subtree: "ou=people,dc=example,dc=com"}
                  by: [{group: "cn=engineers,ou=groups,dc=example,dc=com", grant: write}, {who: users, grant: read}]
                - to: {attrs: [userPassword]}
                  by: [{who: anyone, grant: auth}]
                - to: {}
                  by: [{who: users, grant: read}]
            """;

    static TestServer server(String yaml) throws Exception {
        try (InputStream in = dev.linden.cli.Main.class.getResourceAsStream("demo.ldif")) {
            return TestServer.memory(yaml)
                    .loadLdif(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .loadLdif(GROUPS);
        }
    }

    @Test
    void urlMembersCountForMemberOfAndInChain() throws Exception {
        try (TestServer s = server("");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(c.getEntry("uid=bob," + PEOPLE, "memberOf").getAttributeValues("memberOf"))
                    .contains(DYN);
            // titles with "Engineer": Alice (Engineering Manager), Bob, Carol; not Dave (Accountant) nor Erin (Intern)
            assertThat(GroupsIT.dns(c, PEOPLE, "(memberOf=" + DYN + ")"))
                    .containsExactly("uid=alice," + PEOPLE, "uid=bob," + PEOPLE, "uid=carol," + PEOPLE);
            assertThat(GroupsIT.dns(c, PEOPLE, "(memberOf:" + IN_CHAIN + ":=" + ALL + ")"))
                    .containsExactly("uid=alice," + PEOPLE, "uid=bob," + PEOPLE, "uid=carol," + PEOPLE);
            assertThat(GroupsIT.dns(
                            c, "ou=groups,dc=example,dc=com", "(member:" + IN_CHAIN + ":=uid=carol," + PEOPLE + ")"))
                    .contains(DYN, ALL);
            // membership follows the data: dave becomes an engineer
            c.modify("uid=dave," + PEOPLE, new Modification(ModificationType.REPLACE, "title", "Data Engineer"));
            assertThat(GroupsIT.dns(c, PEOPLE, "(memberOf=" + DYN + ")")).contains("uid=dave," + PEOPLE);
            assertThat(c.compare("uid=dave," + PEOPLE, "memberOf", DYN).compareMatched())
                    .isTrue();
        }
    }

    @Test
    void accessControlGroupsMayBeDynamic() throws Exception {
        try (TestServer s = server(RULES);
                LDAPConnection bob = new LDAPConnection("127.0.0.1", s.port(), "uid=bob," + PEOPLE, "bob-password");
                LDAPConnection dave =
                        new LDAPConnection("127.0.0.1", s.port(), "uid=dave," + PEOPLE, "dave-password")) {
            bob.modify(
                    "uid=erin," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "reviewed by bob"));
            assertThat(resultOf(() -> dave.modify(
                            "uid=erin," + PEOPLE,
                            new Modification(ModificationType.REPLACE, "description", "dave was here"))))
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
    }

    @Test
    void membershipIsEvaluatedWithTheAskersRights() throws Exception {
        String titleIsPrivate = """
                access:
                  rules:
                    - to: {attrs: [title]}
                      by: [{who: self, grant: read}]
                    - to: {attrs: [userPassword]}
                      by: [{who: anyone, grant: auth}]
                    - to: {}
                      by: [{who: users, grant: read}]
                """;
        try (TestServer s = server(titleIsPrivate);
                LDAPConnection root =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection bob = new LDAPConnection("127.0.0.1", s.port(), "uid=bob," + PEOPLE, "bob-password")) {
            // the group selects by title: bob may not search carol's title, so for him she is not selected
            assertThat(root.getEntry("uid=carol," + PEOPLE, "memberOf").getAttributeValues("memberOf"))
                    .contains(DYN);
            var carolForBob = bob.getEntry("uid=carol," + PEOPLE, "memberOf");
            assertThat(
                            carolForBob.getAttributeValues("memberOf") == null
                                    ? java.util.List.<String>of()
                                    : java.util.List.of(carolForBob.getAttributeValues("memberOf")))
                    .doesNotContain(DYN);
            assertThat(GroupsIT.dns(bob, PEOPLE, "(memberOf=" + DYN + ")")).containsExactly("uid=bob," + PEOPLE);
            assertThat(GroupsIT.dns(root, PEOPLE, "(memberOf=" + DYN + ")")).hasSize(3);
        }
    }
}
