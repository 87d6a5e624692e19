package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.backend.StoreCounters;
import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A group of 200,000 members, on LMDB, over real sockets: adding or removing one member and testing
 * one membership (Compare, a filter, memberOf) read and write a few keys, never the member list,
 * which the store's counters show; reading the group still returns every value; referential
 * integrity and the export/import round trip keep it exact.
 */
class HugeGroupIT {
    static final int MEMBERS = 200_000;
    static final int USERS = 20; // uid=u1..u20 are entries; the other members are names only
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String GROUPS = "ou=groups,dc=example,dc=com";
    static final String BIG = "cn=big," + GROUPS;
    static final String MEDIUM = "cn=medium," + GROUPS;

    static TestServer server;

    static String user(int i) {
        return "uid=u" + i + "," + PEOPLE;
    }

    /** The LDIF of {@code users} people and a group {@code cn} listing uid=u1 .. uid=u{@code members}. */
    static String ldif(int users, String cn, int members) {
        StringBuilder b = new StringBuilder(members * 45 + users * 200);
        for (int i = 1; i <= users; i++) {
            b.append("dn: ")
                    .append(user(i))
                    .append("\nobjectClass: inetOrgPerson\nuid: u")
                    .append(i)
                    .append("\ncn: User ")
                    .append(i)
                    .append("\nsn: User\n\n");
        }
        b.append("dn: cn=")
                .append(cn)
                .append(',')
                .append(GROUPS)
                .append("\nobjectClass: groupOfNames\ncn: ")
                .append(cn)
                .append('\n');
        for (int i = 1; i <= members; i++) {
            b.append("member: ").append(user(i)).append('\n');
        }
        return b.append('\n').toString();
    }

    @BeforeAll
    static void start() {
        server = TestServer.lmdb(TestServer.tempDir("linden-huge"), "")
                .loadResource("sample.ldif")
                .loadLdif(ldif(USERS, "big", MEMBERS))
                .loadLdif(ldif(0, "medium", 129));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static LDAPConnection admin() throws Exception {
        return new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    static StoreCounters.Snapshot counters() {
        return server.backend().counters();
    }

    static Set<String> dns(LDAPConnection c, String base, String filter) throws Exception {
        Set<String> dns = new TreeSet<>();
        for (SearchResultEntry e :
                c.search(base, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
            dns.add(e.getDN());
        }
        return dns;
    }

    static Check compare(LDAPConnection c, String dn, String value, boolean expected) {
        return () -> assertThat(c.compare(dn, "member", value).compareMatched())
                .as(value)
                .isEqualTo(expected);
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    @Test
    void addingOrRemovingOneMemberWritesItsKeysAndTheSmallRecordOnly() throws Exception {
        try (LDAPConnection c = admin()) {
            String newcomer = "uid=newcomer," + PEOPLE;
            var before = counters();
            c.modify(BIG, new Modification(ModificationType.ADD, "member", newcomer));
            var add = counters().minus(before);
            assertThat(add.puts()).isEqualTo(4); // the value, the values' summary, its member index key, the record
            assertThat(add.deletes()).isZero();
            assertThat(add.bytes()).isLessThan(2_000); // rewriting the list would be some 9 MB
            assertThat(add.apartReads()).isEqualTo(1); // is it there already? one look-up

            compare(c, BIG, newcomer, true).run();
            before = counters();
            c.modify(
                    BIG,
                    new Modification(ModificationType.DELETE, "member", "UID=Newcomer,OU=People,DC=example,DC=com"));
            var delete = counters().minus(before);
            assertThat(delete.puts()).isEqualTo(2); // the record, the values' summary
            assertThat(delete.deletes()).isEqualTo(2); // the value, its index key
            assertThat(delete.bytes()).isLessThan(2_000);
            assertThat(delete.apartReads()).isBetween(2L, 3L); // is it there? is another left (a cursor step or two)?
            compare(c, BIG, newcomer, false).run();

            before = counters();
            assertThat(resultOf(() -> c.modify(BIG, new Modification(ModificationType.ADD, "member", user(77)))))
                    .isEqualTo(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
            assertThat(resultOf(() -> c.modify(BIG, new Modification(ModificationType.DELETE, "member", newcomer))))
                    .isEqualTo(ResultCode.NO_SUCH_ATTRIBUTE);
            assertThat(counters().minus(before).puts()).isZero();
        }
    }

    @Test
    void theLastMemberCannotGoAndReplacingDecidesAgain() throws Exception {
        try (LDAPConnection c = admin()) {
            List<String> all = new ArrayList<>();
            for (int i = 1; i <= 129; i++) {
                all.add(user(i));
            }
            // groupOfNames must have a member: removing them all is refused, as before
            assertThat(resultOf(() -> c.modify(
                            MEDIUM, new Modification(ModificationType.DELETE, "member", all.toArray(String[]::new)))))
                    .isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
            var before = counters();
            c.modify(
                    MEDIUM,
                    new Modification(
                            ModificationType.DELETE,
                            "member",
                            all.subList(1, 129).toArray(String[]::new)));
            assertThat(counters().minus(before).apartReads()).isLessThan(2 * 129 + 3); // one look-up each, then a step
            assertThat(resultOf(() -> c.modify(MEDIUM, new Modification(ModificationType.DELETE, "member", user(1)))))
                    .isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
            assertThat(c.getEntry(MEDIUM, "member").getAttributeValues("member"))
                    .containsExactly(user(1));
            c.modify(MEDIUM, new Modification(ModificationType.REPLACE, "member", all.toArray(String[]::new)));
            assertThat(c.getEntry(MEDIUM, "member").getAttributeValues("member"))
                    .hasSize(129);
            compare(c, MEDIUM, user(129), true).run();
        }
    }

    @Test
    void compareTestsOneMembershipWithOneLookUp() throws Exception {
        try (LDAPConnection c = admin()) {
            var before = counters();
            compare(c, BIG, user(12_345), true).run();
            compare(c, BIG, "UID=U199999, OU=People, DC=Example, DC=COM", true).run();
            compare(c, BIG, user(MEMBERS + 1), false).run();
            var cost = counters().minus(before);
            assertThat(cost.apartReads()).isEqualTo(3);
            assertThat(cost.puts()).isZero();
        }
        OpenLdapToolsIT.Run t = OpenLdapToolsIT.run(null, tool("ldapcompare", BIG, "member:" + user(1)));
        assertThat(t.exit()).as(t.err()).isEqualTo(6); // compareTrue
        assertThat(t.out()).contains("TRUE");
        OpenLdapToolsIT.Run f = OpenLdapToolsIT.run(null, tool("ldapcompare", BIG, "member:uid=nobody," + PEOPLE));
        assertThat(f.exit()).as(f.err()).isEqualTo(5); // compareFalse
        assertThat(f.out()).contains("FALSE");
    }

    static String[] tool(String name, String... args) {
        List<String> cmd = new ArrayList<>(
                List.of(name, "-x", "-H", server.url(), "-D", TestServer.ADMIN_DN, "-w", TestServer.ADMIN_PASSWORD));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    @Test
    void filtersAndMemberOfAreLookUps() throws Exception {
        try (LDAPConnection c = admin()) {
            var before = counters();
            assertThat(dns(c, GROUPS, "(member=uid=u12345,ou=people,dc=example,dc=com)"))
                    .containsExactly(BIG);
            assertThat(dns(c, GROUPS, "(&(objectClass=groupOfNames)(member=UID=U150000,OU=PEOPLE,DC=EXAMPLE,DC=COM))"))
                    .containsExactly(BIG);
            assertThat(dns(c, GROUPS, "(member=uid=u999999,ou=people,dc=example,dc=com)"))
                    .isEmpty();
            assertThat(dns(c, GROUPS, "(&(cn=big)(member=*))")).containsExactly(BIG); // presence reads nothing
            assertThat(counters().minus(before).apartReads()).isLessThanOrEqualTo(2);

            before = counters();
            SearchResultEntry u5 = c.getEntry(user(5), "memberOf");
            assertThat(u5.getAttributeValues("memberOf")).containsExactlyInAnyOrder(BIG, MEDIUM);
            assertThat(c.search(user(5), SearchScope.BASE, "(memberOf=" + BIG + ")", "1.1")
                            .getEntryCount())
                    .isOne();
            assertThat(c.compare(user(5), "memberOf", BIG).compareMatched()).isTrue();
            assertThat(counters().minus(before).apartReads())
                    .isLessThanOrEqualTo(6); // one look-up per group per question
        }
    }

    @Test
    void readingTheGroupReturnsEveryMember() throws Exception {
        try (LDAPConnection c = admin()) {
            var before = counters();
            for (String attrs : List.of("member", "*")) {
                SearchResultEntry e = c.getEntry(BIG, attrs);
                String[] values = e.getAttributeValues("member");
                assertThat(values).hasSize(MEMBERS);
                Set<String> distinct = new HashSet<>(List.of(values));
                assertThat(distinct).hasSize(MEMBERS).contains(user(1), user(MEMBERS));
                assertThat(e.getAttributeValue("cn")).isEqualTo(attrs.equals("*") ? "big" : null);
            }
            assertThat(counters().minus(before).apartReads()).isGreaterThanOrEqualTo(2L * MEMBERS);
        }
    }

    @Test
    void deletingOrRenamingAMemberEntryRewritesOneValue() throws Exception {
        try (LDAPConnection c = admin()) {
            String temp = "uid=temp," + PEOPLE;
            c.add("dn: " + temp, "objectClass: inetOrgPerson", "uid: temp", "cn: Temp", "sn: Temp");
            c.modify(BIG, new Modification(ModificationType.ADD, "member", temp));
            var before = counters();
            c.delete(temp);
            var cost = counters().minus(before);
            assertThat(cost.puts() + cost.deletes())
                    .isLessThan(40); // the user's keys, and the group's value, index key, record
            assertThat(cost.bytes()).isLessThan(4_000);
            compare(c, BIG, temp, false).run();
            assertThat(dns(c, GROUPS, "(member=" + temp + ")")).isEmpty();

            before = counters();
            c.modifyDN(user(3), "uid=u3b", true);
            assertThat(counters().minus(before).bytes()).isLessThan(4_000);
            compare(c, BIG, "uid=u3b," + PEOPLE, true).run();
            compare(c, BIG, user(3), false).run();
            assertThat(c.getEntry("uid=u3b," + PEOPLE, "memberOf").getAttributeValues("memberOf"))
                    .contains(BIG);
            c.modifyDN("uid=u3b," + PEOPLE, "uid=u3", true);
            compare(c, BIG, user(3), true).run();
        }
    }

    @Test
    void exportThenImportReproducesAHugeGroupExactly() throws Exception {
        Path ldif = Files.createTempFile("huge", ".ldif");
        Files.writeString(ldif, """
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                dn: ou=people,dc=example,dc=com
                objectClass: organizationalUnit
                ou: people

                dn: ou=groups,dc=example,dc=com
                objectClass: organizationalUnit
                ou: groups

                """ + ldif(3, "team", 20_000));
        Path first = TestServer.tempDir("linden-huge-a");
        Path second = TestServer.tempDir("linden-huge-b");
        var imported = CommandLineIT.linden(
                "import", "--suffix", "dc=example,dc=com", "--data", first.toString(), ldif.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        Path export1 = Files.createTempFile("huge-export1", ".ldif");
        assertThat(CommandLineIT.linden(
                                "export",
                                "--suffix",
                                "dc=example,dc=com",
                                "--data",
                                first.toString(),
                                "-o",
                                export1.toString())
                        .exit())
                .isZero();
        String exported = Files.readString(export1);
        assertThat(exported.lines().filter(l -> l.startsWith("member: "))).hasSize(20_000);
        assertThat(exported).contains("member: uid=u19999,ou=people,dc=example,dc=com\n", "entryUUID: ");
        assertThat(CommandLineIT.linden(
                                "import",
                                "--suffix",
                                "dc=example,dc=com",
                                "--data",
                                second.toString(),
                                export1.toString())
                        .exit())
                .isZero();
        Path export2 = Files.createTempFile("huge-export2", ".ldif");
        assertThat(CommandLineIT.linden(
                                "export",
                                "--suffix",
                                "dc=example,dc=com",
                                "--data",
                                second.toString(),
                                "-o",
                                export2.toString())
                        .exit())
                .isZero();
        assertThat(Files.readString(export2)).isEqualTo(exported);
    }
}
