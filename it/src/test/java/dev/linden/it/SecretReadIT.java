package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.it.slapd.Slapd;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Password hashes over LDAP: by default nobody reads one, not even the root DN; an access rule that
 * names userPassword and grants read to one identity (a replication account) lets that identity read
 * every hash exactly as stored, and nobody else; compare and filters on the password then behave as
 * slapd's with the same rule; and each search that sent hashes is one security event, without them.
 */
class SecretReadIT {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String REPLICATOR = "cn=replicator,ou=services,dc=example,dc=com";
    static final String ALICE = "uid=alice," + PEOPLE; // in cn=admins
    static final String BOB = "uid=bob," + PEOPLE;
    static final String SAM = "uid=sam," + PEOPLE;
    static final String ADA = "uid=ada," + PEOPLE;
    static final PasswordSchemes SCHEMES = PasswordSchemes.standard();
    /** Hashes made elsewhere (by slapd's tools, by another Linden) and loaded as they are. */
    static final String SAM_HASH = SCHEMES.hash("SSHA", "sam-password".getBytes(StandardCharsets.UTF_8));

    static final String ADA_HASH = SCHEMES.hash("ARGON2", "ada-password".getBytes(StandardCharsets.UTF_8));
    static final String RULES = """
            access:
              rules:
                - to: {attrs: [userPassword]}
                  by:
                    - {dn: "cn=replicator,ou=services,dc=example,dc=com", grant: read}
                    - {who: self, grant: [auth, write]}
                    - {who: anyone, grant: auth}
                - to: {}
                  by:
                    - {group: "cn=admins,ou=groups,dc=example,dc=com", grant: manage}
                    - {who: users, grant: read}
            """;
    /** The same rule in slapd's words, before the test slapd's own (first match wins). */
    static final String SLAPD_RULE = "access to attrs=userPassword by dn.exact=\"" + REPLICATOR
            + "\" read by self =wx by anonymous auth by * none";

    static String users() {
        return """
                dn: ou=services,dc=example,dc=com
                objectClass: organizationalUnit
                ou: services

                dn: %s
                objectClass: person
                cn: replicator
                sn: replicator
                userPassword: replicator-password

                dn: %s
                objectClass: inetOrgPerson
                uid: sam
                cn: Sam
                sn: Sam
                userPassword: %s

                dn: %s
                objectClass: inetOrgPerson
                uid: ada
                cn: Ada
                sn: Ada
                userPassword: %s
                """.formatted(REPLICATOR, SAM, SAM_HASH, ADA, ADA_HASH);
    }

    static LDAPConnection as(int port, String dn, String password) throws Exception {
        return new LDAPConnection("127.0.0.1", port, dn, password);
    }

    /** The userPassword values an identity is sent for an entry, asked for by name and with "*". */
    static List<String> passwordsSeen(LDAPConnection c, String dn) throws Exception {
        List<String> seen = new ArrayList<>();
        for (String[] attrs : new String[][] {{"userPassword"}, {"*"}, {"*", "+"}}) {
            SearchResultEntry e = c.getEntry(dn, attrs);
            if (e != null && e.hasAttribute("userPassword")) {
                seen.add(e.getAttributeValue("userPassword"));
            }
        }
        return seen;
    }

    /** The hash the store holds for an entry, read from the store itself. */
    static String stored(TestServer s, String dn) throws Exception {
        var schema = s.backend().schema();
        var entry = s.backend().get(dev.linden.model.DnSyntax.parse(dn, schema));
        return entry.firstString(schema.attributeType("userPassword"));
    }

    static String ldapsearch(TestServer s, String dn, String password, String base) throws Exception {
        OpenLdapToolsIT.Run r = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-o",
                "ldif-wrap=no",
                "-H",
                s.url(),
                "-D",
                dn,
                "-w",
                password,
                "-b",
                base,
                "-s",
                "base",
                "(objectClass=*)",
                "userPassword",
                "*");
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    /** The security log's secret_read events, waiting until {@code until} holds (the log is written in the background). */
    static List<JsonNode> secretReads(TestServer s, Predicate<List<JsonNode>> until) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            List<JsonNode> events = new ArrayList<>();
            Path log = s.logDir().resolve("security.log");
            for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
                JsonNode e = json.readTree(line);
                if (e.get("event").asText().equals("secret_read")) {
                    events.add(e);
                }
            }
            if (until.test(events) || System.currentTimeMillis() > deadline) {
                return events;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void byDefaultNobodyReadsAHashNotEvenTheRootDn() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif").loadLdif(users());
                LDAPConnection root = as(s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection alice = as(s.port(), ALICE, "alice-password");
                LDAPConnection replicator = as(s.port(), REPLICATOR, "replicator-password")) {
            for (LDAPConnection c : List.of(root, alice, replicator)) {
                for (String dn : List.of(SAM, ADA, BOB)) {
                    assertThat(passwordsSeen(c, dn)).as(dn).isEmpty();
                }
                assertThat(c.search(PEOPLE, SearchScope.SUB, "(userPassword=*)").getEntryCount())
                        .isZero();
            }
            assertThat(ldapsearch(s, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD, ADA))
                    .contains("dn: " + ADA)
                    .doesNotContainIgnoringCase("userPassword");
            // the root DN may still compare, as slapd's rootdn: it must know the hash to learn anything
            assertThat(root.compare(SAM, "userPassword", SAM_HASH).compareMatched())
                    .isTrue();
            assertThat(resultOf(() -> alice.compare(SAM, "userPassword", SAM_HASH)))
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            assertThat(secretReads(s, ev -> false)).as("no secret was read").isEmpty(); // waits out the log's delay
        }
    }

    @Test
    void aRuleNamingThePasswordLetsTheNamedIdentityReadItAsStored() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(users());
                LDAPConnection root = as(s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                LDAPConnection alice = as(s.port(), ALICE, "alice-password");
                LDAPConnection bob = as(s.port(), BOB, "bob-password");
                LDAPConnection replicator = as(s.port(), REPLICATOR, "replicator-password")) {
            assertThat(stored(s, SAM)).isEqualTo(SAM_HASH).startsWith("{SSHA}");
            assertThat(stored(s, ADA)).isEqualTo(ADA_HASH).startsWith("{ARGON2}");
            assertThat(stored(s, BOB)).startsWith("{SSHA256}"); // hashed by Linden at import
            for (String dn : List.of(SAM, ADA, BOB)) {
                assertThat(passwordsSeen(replicator, dn))
                        .as(dn)
                        .containsOnly(stored(s, dn))
                        .hasSize(3);
                for (LDAPConnection other : List.of(root, alice, bob)) {
                    assertThat(passwordsSeen(other, dn)).as(dn).isEmpty();
                }
            }
            String ldif = ldapsearch(s, REPLICATOR, "replicator-password", ADA);
            String value = ldif.lines()
                    .filter(l -> l.startsWith("userPassword:"))
                    .findFirst()
                    .orElseThrow();
            assertThat(
                            value.startsWith("userPassword:: ")
                                    ? new String(
                                            Base64.getDecoder().decode(value.substring(15)), StandardCharsets.UTF_8)
                                    : value.substring(14))
                    .isEqualTo(ADA_HASH);
            assertThat(ldapsearch(s, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD, ADA))
                    .doesNotContainIgnoringCase("userPassword");

            // a replica's full read: every person with their hash, one security event for the search
            List<SearchResultEntry> all = replicator
                    .search(PEOPLE, SearchScope.SUB, "(objectClass=person)", "*")
                    .getSearchEntries();
            assertThat(all).hasSize(5).allMatch(e -> e.hasAttribute("userPassword"));
            assertThat(replicator
                            .search(PEOPLE, SearchScope.SUB, "(objectClass=person)", "*")
                            .getEntryCount())
                    .as("the same search, typesOnly aside")
                    .isEqualTo(5);
            List<JsonNode> events = secretReads(
                    s,
                    ev -> ev.stream()
                                    .filter(e -> e.get("base").asText().equals(PEOPLE))
                                    .count()
                            >= 2);
            List<JsonNode> subtree = events.stream()
                    .filter(e -> e.get("base").asText().equals(PEOPLE))
                    .toList();
            assertThat(subtree).as("one event per search, not per entry").hasSize(2);
            JsonNode e = subtree.get(0);
            assertThat(e.get("identity").asText()).isEqualTo(REPLICATOR);
            assertThat(e.get("client").asText()).startsWith("127.0.0.1:");
            assertThat(e.get("entries").asLong()).isEqualTo(5);
            assertThat(e.get("attributes").asText()).isEqualTo("userPassword");
            assertThat(e.get("severity").asText()).isEqualTo("notice");
            assertThat(events.stream()
                            .filter(x -> x.get("dn").asText().equals(ADA))
                            .count())
                    .as("the single reads of ada, by name and with *")
                    .isGreaterThanOrEqualTo(3);
            String log = Files.readString(s.logDir().resolve("security.log"));
            assertThat(log).doesNotContain(SAM_HASH).doesNotContain(ADA_HASH).doesNotContain("{SSHA256}");
            assertThat(events).allMatch(x -> x.get("identity").asText().equals(REPLICATOR));
        }
    }

    @Test
    void compareAndFiltersOnThePasswordBehaveAsSlapdsWithTheSameRule() throws Exception {
        try (TestServer linden =
                        TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(users());
                Slapd slapd = Slapd.start(SLAPD_RULE, "")
                        .loadResource(TestServer.class, "sample.ldif")
                        .loadLdif(users())) {
            assertThat(observe(linden.port())).isEqualTo(observe(slapd.port()));
        }
    }

    /** compareTrue, compareFalse or the error a compare of userPassword gets. */
    static ResultCode compare(LDAPConnection c, String dn, String value) {
        try {
            return c.compare(dn, "userPassword", value).getResultCode();
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return e.getResultCode();
        }
    }

    /** Compares and filters on userPassword by the granted identity, a user and the root DN. */
    static Map<String, Object> observe(int port) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        try (LDAPConnection replicator = as(port, REPLICATOR, "replicator-password");
                LDAPConnection bob = as(port, BOB, "bob-password");
                LDAPConnection root = as(port, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            for (var c :
                    Map.of("replicator", replicator, "bob", bob, "root", root).entrySet()) {
                for (String[] v :
                        new String[][] {{SAM, SAM_HASH}, {SAM, "sam-password"}, {ADA, ADA_HASH}, {ADA, "wrong"}}) {
                    seen.put(c.getKey() + " compare " + v[0] + " " + v[1], compare(c.getValue(), v[0], v[1]));
                }
            }
            seen.put("replicator reads sam", passwordsSeen(replicator, SAM));
            seen.put("replicator reads ada", passwordsSeen(replicator, ADA));
            seen.put("bob reads sam", passwordsSeen(bob, SAM));
            for (String filter : List.of("(userPassword=*)", "(userPassword=" + ADA_HASH.replace("*", "\\2a") + ")")) {
                TreeSet<String> found = new TreeSet<>();
                replicator
                        .search(PEOPLE, SearchScope.SUB, filter, "1.1")
                        .getSearchEntries()
                        .forEach(e -> found.add(e.getDN().toLowerCase(java.util.Locale.ROOT)));
                seen.put("replicator filter " + filter, found);
            }
        }
        return seen;
    }
}
