package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** memberOf, nested groups (in-chain matching), referential integrity, over real sockets. */
class GroupsIT {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String GROUPS = "ou=groups,dc=example,dc=com";
    static final String ALICE = "uid=alice," + PEOPLE;
    static final String BOB = "uid=bob," + PEOPLE;
    static final String CAROL = "uid=carol," + PEOPLE;
    static final String ADMINS = "cn=admins," + GROUPS;
    static final String DEVELOPERS = "cn=developers," + GROUPS;
    static final String ENGINEERING = "cn=engineering," + GROUPS;
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    static final String NESTING = """
            dn: cn=engineering,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: engineering
            member: uid=alice,ou=people,dc=example,dc=com
            member: cn=developers,ou=groups,dc=example,dc=com
            """;

    static TestServer server(String yaml) {
        // a small unindexed-search limit proves that group look-ups are index look-ups
        return TestServer.memory("limits: {unindexedSearchLimit: 3}\n" + yaml)
                .loadResource("sample.ldif")
                .loadLdif(NESTING);
    }

    static LDAPConnection admin(TestServer s) throws Exception {
        return new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    static LDAPConnection user(TestServer s) throws Exception {
        return new LDAPConnection("127.0.0.1", s.port(), ALICE, "alice-password"); // limits apply to her
    }

    static Set<String> dns(LDAPConnection c, String base, String filter) throws Exception {
        Set<String> dns = new TreeSet<>();
        for (SearchResultEntry e :
                c.search(base, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
            dns.add(e.getDN());
        }
        return dns;
    }

    static List<String> memberOf(LDAPConnection c, String dn) throws Exception {
        SearchResultEntry e = c.getEntry(dn, "memberOf");
        return e == null || !e.hasAttribute("memberOf") ? List.of() : List.of(e.getAttributeValues("memberOf"));
    }

    @Test
    void memberOfListsDirectGroupsAndIsAnIndexLookUp() throws Exception {
        try (TestServer s = server("");
                LDAPConnection admin = admin(s);
                LDAPConnection alice = user(s)) {
            assertThat(memberOf(admin, ALICE)).containsExactlyInAnyOrder(ADMINS, ENGINEERING);
            assertThat(memberOf(admin, BOB)).containsExactly(DEVELOPERS); // direct only by default
            assertThat(memberOf(admin, DEVELOPERS)).containsExactly(ENGINEERING);
            assertThat(admin.getEntry(BOB).hasAttribute("memberOf"))
                    .as("operational: only on request")
                    .isFalse();
            assertThat(admin.getEntry(BOB, "+").getAttributeValues("memberOf")).containsExactly(DEVELOPERS);
            // indexed: this search runs under a limit of 3 unindexed entries
            assertThat(dns(alice, "dc=example,dc=com", "(memberOf=" + DEVELOPERS + ")"))
                    .containsExactly(BOB, CAROL);
            assertThat(dns(alice, "dc=example,dc=com", "(&(objectClass=person)(memberOf=" + ADMINS + "))"))
                    .containsExactly(ALICE);
            assertThat(admin.compare(ALICE, "memberOf", ADMINS).compareMatched())
                    .isTrue();
            assertThat(admin.compare(BOB, "memberOf", ADMINS).compareMatched()).isFalse();
            assertThat(resultOf(() -> admin.compare("ou=people,dc=example,dc=com", "memberOf", ADMINS)))
                    .isEqualTo(ResultCode.NO_SUCH_ATTRIBUTE);
        }
    }

    @Test
    void nestedMemberOfWhenConfigured() throws Exception {
        try (TestServer s = server("groups: {memberOf: nested}\n");
                LDAPConnection admin = admin(s)) {
            assertThat(memberOf(admin, BOB)).containsExactlyInAnyOrder(DEVELOPERS, ENGINEERING);
        }
    }

    @Test
    void inChainFindsMembersAndGroupsThroughAnyDepth() throws Exception {
        try (TestServer s = server("");
                LDAPConnection alice = user(s)) {
            assertThat(dns(alice, PEOPLE, "(memberOf:" + IN_CHAIN + ":=" + ENGINEERING + ")"))
                    .containsExactly(ALICE, BOB, CAROL);
            assertThat(dns(alice, "dc=example,dc=com", "(memberOf:" + IN_CHAIN + ":=" + ENGINEERING + ")"))
                    .containsExactly(DEVELOPERS, ALICE, BOB, CAROL);
            assertThat(dns(alice, GROUPS, "(member:" + IN_CHAIN + ":=" + BOB + ")"))
                    .containsExactly(DEVELOPERS, ENGINEERING);
            assertThat(dns(alice, GROUPS, "(member:" + IN_CHAIN + ":=" + ALICE + ")"))
                    .containsExactly(ADMINS, ENGINEERING);
            // the flagship question in one query: is bob, directly or not, in engineering?
            assertThat(dns(alice, PEOPLE, "(&(uid=bob)(memberOf:" + IN_CHAIN + ":=" + ENGINEERING + "))"))
                    .containsExactly(BOB);
            assertThat(dns(alice, PEOPLE, "(&(uid=bob)(memberOf:" + IN_CHAIN + ":=" + ADMINS + "))"))
                    .isEmpty();
        }
    }

    @Test
    void everyWayMembershipChangesIsReflected() throws Exception {
        try (TestServer s = server("");
                LDAPConnection admin = admin(s)) {
            // member added and removed
            admin.modify(ADMINS, new Modification(ModificationType.ADD, "member", BOB));
            assertThat(memberOf(admin, BOB)).containsExactlyInAnyOrder(ADMINS, DEVELOPERS);
            admin.modify(ADMINS, new Modification(ModificationType.DELETE, "member", BOB));
            assertThat(memberOf(admin, BOB)).containsExactly(DEVELOPERS);
            // a new group, renamed, moved, deleted
            admin.add(
                    "cn=ops," + GROUPS,
                    new Attribute("objectClass", "groupOfUniqueNames"),
                    new Attribute("cn", "ops"),
                    new Attribute("uniqueMember", CAROL));
            assertThat(memberOf(admin, CAROL)).containsExactlyInAnyOrder(DEVELOPERS, "cn=ops," + GROUPS);
            admin.modifyDN("cn=ops," + GROUPS, "cn=operations", true);
            assertThat(memberOf(admin, CAROL)).containsExactlyInAnyOrder(DEVELOPERS, "cn=operations," + GROUPS);
            admin.add(
                    "ou=teams,dc=example,dc=com",
                    new Attribute("objectClass", "organizationalUnit"),
                    new Attribute("ou", "teams"));
            admin.modifyDN("cn=operations," + GROUPS, "cn=operations", true, "ou=teams,dc=example,dc=com");
            assertThat(memberOf(admin, CAROL))
                    .containsExactlyInAnyOrder(DEVELOPERS, "cn=operations,ou=teams,dc=example,dc=com");
            admin.delete("cn=operations,ou=teams,dc=example,dc=com");
            assertThat(memberOf(admin, CAROL)).containsExactly(DEVELOPERS);
            // a member renamed: the groups follow (referential integrity), and memberOf with them
            admin.modifyDN(BOB, "uid=robert", true);
            String robert = "uid=robert," + PEOPLE;
            assertThat(admin.getEntry(DEVELOPERS, "member").getAttributeValues("member"))
                    .contains(robert)
                    .doesNotContain(BOB);
            assertThat(memberOf(admin, robert)).containsExactly(DEVELOPERS);
            // a member deleted: gone from the groups
            admin.delete(robert);
            assertThat(admin.getEntry(DEVELOPERS, "member").getAttributeValues("member"))
                    .containsExactly(CAROL);
            // a nested group renamed: the outer group follows
            admin.modifyDN(DEVELOPERS, "cn=devs", true);
            assertThat(admin.getEntry(ENGINEERING, "member").getAttributeValues("member"))
                    .containsExactlyInAnyOrder(ALICE, "cn=devs," + GROUPS);
            assertThat(memberOf(admin, CAROL)).containsExactly("cn=devs," + GROUPS);
        }
    }

    @Test
    void referentialIntegrityCoversOwnerSeeAlsoAndManagerAndWholeSubtrees() throws Exception {
        try (TestServer s = server("");
                LDAPConnection admin = admin(s)) {
            admin.modify(
                    CAROL,
                    new Modification(ModificationType.ADD, "manager", ALICE),
                    new Modification(ModificationType.ADD, "seeAlso", BOB));
            admin.modify(ADMINS, new Modification(ModificationType.ADD, "owner", CAROL));
            // moving the whole ou=people subtree rewrites every reference into it
            admin.add(
                    "ou=staff,dc=example,dc=com",
                    new Attribute("objectClass", "organizationalUnit"),
                    new Attribute("ou", "staff"));
            admin.modifyDN(PEOPLE, "ou=people", true, "ou=staff,dc=example,dc=com");
            String base = "ou=people,ou=staff,dc=example,dc=com";
            SearchResultEntry carol = admin.getEntry("uid=carol," + base, "manager", "seeAlso");
            assertThat(carol.getAttributeValue("manager")).isEqualTo("uid=alice," + base);
            assertThat(carol.getAttributeValue("seeAlso")).isEqualTo("uid=bob," + base);
            assertThat(admin.getEntry(ADMINS, "owner", "member").getAttributeValue("owner"))
                    .isEqualTo("uid=carol," + base);
            assertThat(admin.getEntry(ADMINS, "member").getAttributeValue("member"))
                    .isEqualTo("uid=alice," + base);
            admin.delete("uid=alice," + base);
            assertThat(admin.getEntry("uid=carol," + base, "manager").hasAttribute("manager"))
                    .isFalse();
        }
    }

    @Test
    void cyclesEnd() throws Exception {
        try (TestServer s = server("");
                LDAPConnection admin = admin(s)) {
            admin.add(
                    "cn=a," + GROUPS,
                    new Attribute("objectClass", "groupOfNames"),
                    new Attribute("cn", "a"),
                    new Attribute("member", CAROL));
            admin.add(
                    "cn=b," + GROUPS,
                    new Attribute("objectClass", "groupOfNames"),
                    new Attribute("cn", "b"),
                    new Attribute("member", "cn=a," + GROUPS));
            admin.modify("cn=a," + GROUPS, new Modification(ModificationType.ADD, "member", "cn=b," + GROUPS));
            assertThat(dns(admin, PEOPLE, "(memberOf:" + IN_CHAIN + ":=cn=b," + GROUPS + ")"))
                    .containsExactly(CAROL);
            assertThat(dns(admin, GROUPS, "(member:" + IN_CHAIN + ":=" + CAROL + ")"))
                    .containsExactly("cn=a," + GROUPS, "cn=b," + GROUPS, DEVELOPERS, ENGINEERING);
        }
    }

    /** In-chain results against a transitive closure computed here, on a random group graph with cycles. */
    @Test
    void inChainMatchesAComputedClosureOnARandomGraph() throws Exception {
        Random random = new Random(20261121);
        int users = 40;
        int groups = 25;
        StringBuilder ldif = new StringBuilder();
        ldif.append("dn: ou=random,dc=example,dc=com\nobjectClass: organizationalUnit\nou: random\n\n");
        for (int u = 0; u < users; u++) {
            ldif.append("dn: uid=u")
                    .append(u)
                    .append(",ou=random,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: u")
                    .append(u)
                    .append("\ncn: u")
                    .append(u)
                    .append("\nsn: u\n\n");
        }
        Map<String, List<String>> members = new HashMap<>();
        for (int g = 0; g < groups; g++) {
            List<String> list = new ArrayList<>();
            for (int m = 0; m < 1 + random.nextInt(5); m++) {
                list.add(
                        random.nextInt(3) == 0
                                ? "cn=g" + random.nextInt(groups) + ",ou=random,dc=example,dc=com"
                                : "uid=u" + random.nextInt(users) + ",ou=random,dc=example,dc=com");
            }
            List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(list));
            members.put("cn=g" + g + ",ou=random,dc=example,dc=com", distinct);
        }
        for (var e : members.entrySet()) {
            ldif.append("dn: ")
                    .append(e.getKey())
                    .append("\nobjectClass: groupOfNames\ncn: ")
                    .append(e.getKey(), 3, e.getKey().indexOf(','))
                    .append('\n');
            e.getValue().forEach(m -> ldif.append("member: ").append(m).append('\n'));
            ldif.append('\n');
        }
        try (TestServer s = TestServer.memory().loadResource("sample.ldif").loadLdif(ldif.toString());
                LDAPConnection admin = admin(s)) {
            for (String group : members.keySet()) {
                Set<String> expected = new TreeSet<>(closure(members, group));
                assertThat(dns(admin, "ou=random,dc=example,dc=com", "(memberOf:" + IN_CHAIN + ":=" + group + ")"))
                        .as("members of %s", group)
                        .isEqualTo(expected);
            }
            for (int u = 0; u < users; u += 3) {
                String user = "uid=u" + u + ",ou=random,dc=example,dc=com";
                Set<String> expected = new TreeSet<>();
                for (String group : members.keySet()) {
                    if (closure(members, group).contains(user)) {
                        expected.add(group);
                    }
                }
                assertThat(dns(admin, "ou=random,dc=example,dc=com", "(member:" + IN_CHAIN + ":=" + user + ")"))
                        .as("groups of %s", user)
                        .isEqualTo(expected);
            }
        }
    }

    /** Everything reachable from a group through member values (groups included), the group itself only through a cycle. */
    static Set<String> closure(Map<String, List<String>> members, String group) {
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(members.getOrDefault(group, List.of()));
        while (!queue.isEmpty()) {
            String m = queue.poll();
            if (seen.add(m)) {
                queue.addAll(members.getOrDefault(m, List.of()));
            }
        }
        return seen;
    }
}
