package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The same random changes and questions, over sockets, to two servers: one keeps every member and
 * uniqueMember value apart from the entry record ({@code largeValues.threshold: 0}), the other keeps
 * them in the record (groups stay under the default threshold). Every answer must be the same:
 * result codes, compare results, search results, the groups' values and memberOf.
 */
class LargeValuesIT {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String GROUPS = "ou=groups,dc=example,dc=com";
    static final int USERS = 12;
    static final int GROUP_COUNT = 5;
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

    static String user(int i) {
        return "uid=u" + i + "," + PEOPLE;
    }

    static String group(int i) {
        return "cn=g" + i + "," + GROUPS;
    }

    static String fixture() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= USERS; i++) {
            b.append("dn: ")
                    .append(user(i))
                    .append("\nobjectClass: inetOrgPerson\nuid: u")
                    .append(i)
                    .append("\ncn: U")
                    .append(i)
                    .append("\nsn: U\n\n");
        }
        for (int g = 1; g <= GROUP_COUNT; g++) {
            boolean unique = g == GROUP_COUNT;
            b.append("dn: ")
                    .append(group(g))
                    .append("\nobjectClass: ")
                    .append(unique ? "groupOfUniqueNames" : "groupOfNames")
                    .append("\ncn: g")
                    .append(g)
                    .append('\n');
            for (int i = g; i <= g + 3; i++) {
                b.append(unique ? "uniqueMember: " : "member: ").append(user(i)).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** One step's outcome as text: the result code and what came back. */
    static String outcome(Step step) {
        try {
            return "ok " + step.run();
        } catch (LDAPException e) {
            return e.getResultCode().getName();
        }
    }

    @FunctionalInterface
    interface Step {
        Object run() throws LDAPException;
    }

    static Map<String, String> state(LDAPConnection c) throws LDAPException {
        Map<String, String> state = new TreeMap<>();
        for (SearchResultEntry e : c.search(
                        "dc=example,dc=com",
                        SearchScope.SUB,
                        "(objectClass=*)",
                        "member",
                        "uniqueMember",
                        "memberOf",
                        "cn")
                .getSearchEntries()) {
            StringBuilder b = new StringBuilder();
            for (String a : List.of("member", "uniqueMember", "memberOf", "cn")) {
                String[] v = e.getAttributeValues(a);
                if (v != null) {
                    b.append(a)
                            .append('=')
                            .append(new TreeSet<>(Arrays.asList(v)))
                            .append(' ');
                }
            }
            state.put(e.getDN(), b.toString());
        }
        return state;
    }

    static TreeSet<String> dns(LDAPConnection c, String base, String filter) throws LDAPException {
        TreeSet<String> dns = new TreeSet<>();
        for (SearchResultEntry e :
                c.search(base, SearchScope.SUB, filter, "1.1").getSearchEntries()) {
            dns.add(e.getDN());
        }
        return dns;
    }

    /** A random step, the same for both servers: a change or a question. */
    static Step step(Random r, LDAPConnection c, int n) {
        String g = group(1 + r.nextInt(GROUP_COUNT));
        boolean unique = g.equals(group(GROUP_COUNT));
        String attr = unique ? "uniqueMember" : "member";
        String someone = r.nextInt(6) == 0 ? group(1 + r.nextInt(GROUP_COUNT)) : user(1 + r.nextInt(USERS + 3));
        String value = r.nextBoolean() ? someone : someone.toUpperCase();
        String other = user(1 + r.nextInt(USERS + 3));
        return switch (r.nextInt(16)) {
            case 0, 1, 2 ->
                () -> c.modify(g, new Modification(ModificationType.ADD, attr, value))
                        .getResultCode()
                        .getName();
            case 3, 4 ->
                () -> c.modify(g, new Modification(ModificationType.DELETE, attr, value))
                        .getResultCode()
                        .getName();
            case 5 ->
                () -> c.modify(g, new Modification(ModificationType.DELETE, attr, value, other))
                        .getResultCode()
                        .getName();
            case 6 ->
                () -> c.modify(
                                g,
                                new Modification(ModificationType.ADD, attr, value, other),
                                new Modification(ModificationType.DELETE, attr, other))
                        .getResultCode()
                        .getName();
            case 7 ->
                () -> c.modify(g, new Modification(ModificationType.REPLACE, attr, value, other))
                        .getResultCode()
                        .getName();
            case 8 ->
                () -> c.modify(g, new Modification(ModificationType.DELETE, attr))
                        .getResultCode()
                        .getName();
            case 9 -> () -> c.compare(g, attr, value).compareMatched();
            case 10 -> () -> dns(c, GROUPS, "(" + attr + "=" + value + ")");
            case 11 -> () -> dns(c, GROUPS, "(|(member=*u1*)(!(" + attr + "=" + other + ")))");
            case 12 ->
                () -> dns(c, PEOPLE, "(memberOf:" + IN_CHAIN + ":=" + g + ")") + " "
                        + dns(c, GROUPS, "(member:" + IN_CHAIN + ":=" + other + ")");
            case 13 -> { // a user leaves (referential integrity) and comes back under the same name
                int u = 1 + r.nextInt(USERS);
                yield () -> {
                    c.delete(user(u));
                    c.add(
                            user(u),
                            new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                            new com.unboundid.ldap.sdk.Attribute("uid", "u" + u),
                            new com.unboundid.ldap.sdk.Attribute("cn", "U" + u),
                            new com.unboundid.ldap.sdk.Attribute("sn", "U"));
                    return "deleted and added " + u;
                };
            }
            case 14 -> { // a user is renamed and renamed back
                int u = 1 + r.nextInt(USERS);
                yield () -> {
                    c.modifyDN(user(u), "uid=v" + u, true);
                    String during = dns(
                                    c,
                                    GROUPS,
                                    "(|(member=uid=v" + u + "," + PEOPLE + ")(uniqueMember=uid=v" + u + "," + PEOPLE
                                            + "))")
                            .toString();
                    c.modifyDN("uid=v" + u + "," + PEOPLE, "uid=u" + u, true);
                    return during;
                };
            }
            default ->
                () -> { // a group is renamed and renamed back
                    c.modifyDN(g, "cn=renamed" + n, true);
                    String members = Arrays.toString(
                            c.getEntry("cn=renamed" + n + "," + GROUPS, attr).getAttributeValues(attr));
                    c.modifyDN("cn=renamed" + n + "," + GROUPS, g.substring(0, g.indexOf(',')), true);
                    return members == null ? "" : members.length();
                };
        };
    }

    @Test
    void valuesKeptApartAnswerAsValuesInTheRecord() throws Exception {
        try (TestServer apart = TestServer.memory("largeValues: {threshold: 0}\n")
                        .loadResource("sample.ldif")
                        .loadLdif(fixture());
                TestServer inline =
                        TestServer.memory().loadResource("sample.ldif").loadLdif(fixture());
                LDAPConnection a =
                        new LDAPConnection("127.0.0.1", apart.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection b = new LDAPConnection(
                        "127.0.0.1", inline.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(state(a)).isEqualTo(state(b));
            long seed = new Random().nextLong();
            Random ra = new Random(seed);
            Random rb = new Random(seed);
            List<String> outcomes = new ArrayList<>();
            for (int n = 0; n < 400; n++) {
                String oa = outcome(step(ra, a, n));
                String ob = outcome(step(rb, b, n));
                assertThat(oa).as("step %d, seed %d", n, seed).isEqualTo(ob);
                outcomes.add(oa);
                if (n % 20 == 19) {
                    assertThat(state(a)).as("after step %d, seed %d", n, seed).isEqualTo(state(b));
                }
            }
            assertThat(state(a)).isEqualTo(state(b));
            // the run did change things and was refused sometimes: it tested something
            assertThat(outcomes)
                    .contains(
                            "ok success",
                            "attribute or value exists",
                            "no such attribute",
                            "object class violation",
                            "ok true",
                            "ok false");
        }
    }
}
