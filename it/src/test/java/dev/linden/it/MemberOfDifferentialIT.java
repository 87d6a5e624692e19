package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * memberOf in Linden against OpenLDAP's memberOf overlay (direct mode, with its referential
 * integrity on), after each of the ways membership can change, applied to both servers alike.
 */
class MemberOfDifferentialIT {
    static final String GROUPS = "ou=groups,dc=example,dc=com";
    static final String PEOPLE = "ou=people,dc=example,dc=com";

    interface Step {
        void apply(LDAPConnection c) throws Exception;
    }

    @Test
    void memberOfMatchesTheOverlayAfterEveryKindOfChange() throws Exception {
        try (TestServer linden = TestServer.memory().loadResource("sample.ldif");
                Slapd slapd = Slapd.start("moduleload memberof", """
                        overlay memberof
                        memberof-refint TRUE
                        """).loadResource(TestServer.class, "sample.ldif");
                LDAPConnection l =
                        new LDAPConnection("127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection s =
                        new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD)) {
            Map<String, Step> steps = new java.util.LinkedHashMap<>();
            steps.put(
                    "add a member",
                    c -> c.modify(
                            "cn=admins," + GROUPS,
                            new Modification(ModificationType.ADD, "member", "uid=bob," + PEOPLE)));
            steps.put(
                    "remove a member",
                    c -> c.modify(
                            "cn=developers," + GROUPS,
                            new Modification(ModificationType.DELETE, "member", "uid=carol," + PEOPLE)));
            steps.put(
                    "add a group with a nested group",
                    c -> c.add(
                            "cn=engineering," + GROUPS,
                            new Attribute("objectClass", "groupOfNames"),
                            new Attribute("cn", "engineering"),
                            new Attribute("member", "cn=developers," + GROUPS, "uid=carol," + PEOPLE)));
            steps.put(
                    "replace the members",
                    c -> c.modify(
                            "cn=engineering," + GROUPS,
                            new Modification(
                                    ModificationType.REPLACE,
                                    "member",
                                    "uid=alice," + PEOPLE,
                                    "cn=developers," + GROUPS)));
            steps.put("rename a group", c -> c.modifyDN("cn=admins," + GROUPS, "cn=administrators", true));
            steps.put("rename a member", c -> c.modifyDN("uid=bob," + PEOPLE, "uid=robert", true));
            steps.put("rename a nested group", c -> c.modifyDN("cn=developers," + GROUPS, "cn=devs", true));
            steps.put("delete a member", c -> c.delete("uid=robert," + PEOPLE));
            steps.put("delete a group", c -> c.delete("cn=engineering," + GROUPS));
            for (var step : steps.entrySet()) {
                step.getValue().apply(l);
                step.getValue().apply(s);
                assertThat(memberOfEverywhere(l)).as("after: " + step.getKey()).isEqualTo(memberOfEverywhere(s));
            }
            assertThat(memberOfEverywhere(l)).as("something was compared").isNotEmpty();
        }
    }

    /** Every entry's memberOf values, normalised for comparison. */
    static Map<String, TreeSet<String>> memberOfEverywhere(LDAPConnection c) throws Exception {
        Map<String, TreeSet<String>> all = new TreeMap<>();
        for (SearchResultEntry e : c.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", "memberOf")
                .getSearchEntries()) {
            if (e.hasAttribute("memberOf")) {
                TreeSet<String> groups = new TreeSet<>();
                for (String g : e.getAttributeValues("memberOf")) {
                    groups.add(g.toLowerCase(java.util.Locale.ROOT));
                }
                all.put(e.getDN().toLowerCase(java.util.Locale.ROOT), groups);
            }
        }
        return all;
    }
}
