package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import dev.linden.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Access control over real sockets: every default and every kind of target and subject, each with a
 * forbidden read, write, compare or existence probe that is refused and an allowed one that works.
 */
class AccessControlIT {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String ALICE = "uid=alice," + PEOPLE; // in cn=admins
    static final String BOB = "uid=bob," + PEOPLE;
    static final String CAROL = "uid=carol," + PEOPLE;
    static final String EXTRA = """
            dn: ou=secret,dc=example,dc=com
            objectClass: organizationalUnit
            ou: secret

            dn: cn=plans,ou=secret,dc=example,dc=com
            objectClass: device
            cn: plans

            dn: cn=tier1,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: tier1
            member: uid=bob,ou=people,dc=example,dc=com

            dn: cn=helpdesk,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: helpdesk
            member: cn=tier1,ou=groups,dc=example,dc=com
            """;

    static LDAPConnection as(TestServer s, String dn, String password) throws com.unboundid.ldap.sdk.LDAPException {
        return new LDAPConnection("127.0.0.1", s.port(), dn, password);
    }

    static List<String> dns(SearchResult r) {
        return r.getSearchEntries().stream().map(SearchResultEntry::getDN).toList();
    }

    @Nested
    class Defaults {
        @Test
        void passwordsAreNeverReadableButOwnersMayChangeThem() throws Exception {
            try (TestServer s = TestServer.memory().loadResource("sample.ldif").loadLdif(EXTRA);
                    LDAPConnection root = as(s, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                    LDAPConnection alice = as(s, ALICE, "alice-password");
                    LDAPConnection bob = as(s, BOB, "bob-password")) {
                for (LDAPConnection c : List.of(root, alice, bob)) {
                    assertThat(c.getEntry(BOB, "userPassword", "*").hasAttribute("userPassword"))
                            .isFalse();
                    assertThat(dns(c.search(PEOPLE, SearchScope.SUB, "(userPassword=*)")))
                            .isEmpty();
                }
                assertThat(resultOf(() -> bob.compare(BOB, "userPassword", "bob-password")))
                        .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                // self may write the password, not another's
                bob.modify(BOB, new Modification(ModificationType.REPLACE, "userPassword", "bob-new-password"));
                assertThat(as(s, BOB, "bob-new-password").getConnectedAddress()).isNotNull();
                assertThat(resultOf(() ->
                                bob.modify(CAROL, new Modification(ModificationType.REPLACE, "userPassword", "x"))))
                        .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                // nor anything else of his own
                assertThat(resultOf(
                                () -> bob.modify(BOB, new Modification(ModificationType.REPLACE, "mail", "b@x.org"))))
                        .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            }
        }

        @Test
        void theAdminsGroupManagesUsersReadAnonymousSeesNothing() throws Exception {
            try (TestServer s = TestServer.memory().loadResource("sample.ldif").loadLdif(EXTRA);
                    LDAPConnection alice = as(s, ALICE, "alice-password");
                    LDAPConnection bob = as(s, BOB, "bob-password");
                    LDAPConnection anonymous = new LDAPConnection("127.0.0.1", s.port())) {
                // users read the rest
                assertThat(bob.getEntry(CAROL, "mail").getAttributeValue("mail"))
                        .isEqualTo("carol@example.com");
                assertThat(bob.compare(CAROL, "mail", "carol@example.com").compareMatched())
                        .isTrue();
                // but do not write
                assertThat(resultOf(() -> bob.add(
                                "uid=x," + PEOPLE,
                                new Attribute("objectClass", "inetOrgPerson"),
                                new Attribute("uid", "x"),
                                new Attribute("cn", "x"),
                                new Attribute("sn", "x"))))
                        .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                assertThat(resultOf(() -> bob.delete(CAROL))).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                assertThat(resultOf(() -> bob.modifyDN(CAROL, "uid=caroline", true)))
                        .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                // the admins group manages everything
                alice.add(
                        "uid=x," + PEOPLE,
                        new Attribute("objectClass", "inetOrgPerson"),
                        new Attribute("uid", "x"),
                        new Attribute("cn", "x"),
                        new Attribute("sn", "x"));
                alice.modify("uid=x," + PEOPLE, new Modification(ModificationType.REPLACE, "sn", "y"));
                alice.delete("uid=x," + PEOPLE);
                // anonymous: the tree does not exist
                assertThat(resultOf(() -> anonymous.search(PEOPLE, SearchScope.SUB, "(objectClass=*)")))
                        .isEqualTo(ResultCode.NO_SUCH_OBJECT);
                assertThat(resultOf(() -> anonymous.compare(CAROL, "mail", "carol@example.com")))
                        .isEqualTo(ResultCode.NO_SUCH_OBJECT);
            }
        }

        @Test
        void anonymousClientsHaveTheirOwnSearchLimits() throws Exception {
            try (TestServer s = TestServer.memory(
                                    "anonymousRead: true\nlimits: {anonymous: {sizeLimit: 2, unindexedSearchLimit: 3}}\n")
                            .loadResource("sample.ldif");
                    LDAPConnection anonymous = new LDAPConnection("127.0.0.1", s.port());
                    LDAPConnection bob = as(s, BOB, "bob-password")) {
                assertThatThrownBy(() -> anonymous.search(PEOPLE, SearchScope.ONE, "(uid=*)"))
                        .isInstanceOfSatisfying(LDAPSearchException.class, e -> {
                            assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
                            assertThat(e.getEntryCount()).isEqualTo(2);
                        });
                assertThat(resultOf(() -> anonymous.search("dc=example,dc=com", SearchScope.SUB, "(description=*)")))
                        .isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED);
                // a bound user has the ordinary limits
                assertThat(bob.search(PEOPLE, SearchScope.ONE, "(uid=*)").getEntryCount())
                        .isEqualTo(3);
                assertThat(bob.search("dc=example,dc=com", SearchScope.SUB, "(description=*)")
                                .getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
            }
        }

        @Test
        void anonymousReadCanBeTurnedOn() throws Exception {
            try (TestServer s = TestServer.memory("anonymousRead: true\n").loadResource("sample.ldif");
                    LDAPConnection anonymous = new LDAPConnection("127.0.0.1", s.port())) {
                assertThat(anonymous.getEntry(CAROL, "mail").getAttributeValue("mail"))
                        .isEqualTo("carol@example.com");
                assertThat(anonymous.getEntry(CAROL, "userPassword").hasAttribute("userPassword"))
                        .isFalse();
            }
        }
    }

    static final String RULES = """
            access:
              rules:
                - to: {subtree: "ou=secret,dc=example,dc=com"}
                  by: [{dn: "uid=carol,ou=people,dc=example,dc=com", grant: read}]
                - to: {attrs: [telephoneNumber]}
                  by: [{who: self, grant: read}]
                - to: {attrs: [userPassword]}
                  by: [{who: self, grant: [auth, write]}, {who: anyone, grant: auth}]
                - to: {dnRegex: "^uid=carol,.*", attrs: [mail, entry]}
                  by: [{group: "cn=helpdesk,ou=groups,dc=example,dc=com", grant: write}, {who: users, grant: read}]
                - to: {filter: "(employeeNumber=1002)"}
                  by: [{who: users, tls: true, grant: read}, {who: self, grant: compare}]
                - to: {subtree: "ou=groups,dc=example,dc=com"}
                  by: [{under: "ou=people,dc=example,dc=com", grant: read}]
                - to: {}
                  by: [{who: users, address: "127.0.0.0/8", grant: read}, {who: anyone, grant: none}]
            """;

    @Test
    void hiddenEntriesCannotBeProbed() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(EXTRA);
                LDAPConnection bob = as(s, BOB, "bob-password");
                LDAPConnection carol = as(s, CAROL, "carol-password")) {
            // bob: the secret subtree is as absent as a name that does not exist
            for (String dn :
                    List.of("cn=plans,ou=secret,dc=example,dc=com", "cn=nothing,ou=secret,dc=example,dc=com")) {
                assertThatThrownBy(() -> bob.search(dn, SearchScope.BASE, "(objectClass=*)"))
                        .isInstanceOfSatisfying(LDAPSearchException.class, e -> {
                            assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                            assertThat(e.getMatchedDN()).isEqualTo("dc=example,dc=com");
                        });
                assertThat(resultOf(() -> bob.compare(dn, "cn", "plans"))).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                assertThat(resultOf(
                                () -> bob.modify(dn, new Modification(ModificationType.REPLACE, "description", "x"))))
                        .isEqualTo(ResultCode.NO_SUCH_OBJECT);
                assertThat(resultOf(() -> bob.delete(dn))).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            }
            assertThat(dns(bob.search("dc=example,dc=com", SearchScope.SUB, "(cn=plans)")))
                    .isEmpty();
            // carol (a named DN) reads it
            assertThat(carol.getEntry("cn=plans,ou=secret,dc=example,dc=com")).isNotNull();
        }
    }

    @Test
    void attributeRulesLimitWhatIsReturnedAndWhatFiltersTest() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(EXTRA);
                LDAPConnection bob = as(s, BOB, "bob-password");
                LDAPConnection alice = as(s, ALICE, "alice-password")) {
            // telephoneNumber: self only
            assertThat(alice.getEntry(ALICE, "telephoneNumber").getAttributeValue("telephoneNumber"))
                    .isEqualTo("+1 555 0101");
            assertThat(bob.getEntry(ALICE, "telephoneNumber", "cn").hasAttribute("telephoneNumber"))
                    .isFalse();
            assertThat(bob.getEntry(ALICE, "telephoneNumber", "cn").getAttributeValue("cn"))
                    .isEqualTo("Alice Andersen");
            // and a filter cannot test it, not even through NOT
            assertThat(dns(bob.search(PEOPLE, SearchScope.ONE, "(telephoneNumber=+1 555 0101)")))
                    .isEmpty();
            assertThat(dns(bob.search(PEOPLE, SearchScope.ONE, "(!(telephoneNumber=+1 555 0101))")))
                    .isEmpty();
            assertThat(dns(alice.search(PEOPLE, SearchScope.ONE, "(telephoneNumber=+1 555 0101)")))
                    .containsExactly(ALICE);
        }
    }

    @Test
    void nestedGroupMembersMayWriteWhatTheRuleGives() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(EXTRA);
                LDAPConnection bob = as(s, BOB, "bob-password"); // helpdesk through tier1
                LDAPConnection alice = as(s, ALICE, "alice-password")) {
            bob.modify(CAROL, new Modification(ModificationType.REPLACE, "mail", "carol@corp.example.com"));
            assertThat(alice.getEntry(CAROL, "mail").getAttributeValue("mail")).isEqualTo("carol@corp.example.com");
            assertThat(resultOf(
                            () -> alice.modify(CAROL, new Modification(ModificationType.REPLACE, "mail", "x@y.org"))))
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
            // the rule is on mail and the entry only: other attributes fall through to later rules
            assertThat(resultOf(() -> bob.modify(CAROL, new Modification(ModificationType.REPLACE, "sn", "Chan"))))
                    .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        }
    }

    @Test
    void filterTargetsAndTlsSubjects() throws Exception {
        try (TestServer s = TestServer.memoryWithTls("security: {loopbackExempt: true}\n" + RULES)
                        .loadResource("sample.ldif")
                        .loadLdif(EXTRA);
                LDAPConnection alice = as(s, ALICE, "alice-password")) {
            // bob's entry (employeeNumber 1002) is readable only over TLS
            assertThat(resultOf(() -> alice.search(BOB, SearchScope.BASE, "(objectClass=*)")))
                    .isEqualTo(ResultCode.NO_SUCH_OBJECT);
            alice.processExtendedOperation(
                    new StartTLSExtendedRequest(new SSLUtil(new TrustAllTrustManager()).createSSLContext()));
            alice.bind(ALICE, "alice-password");
            assertThat(alice.getEntry(BOB, "cn").getAttributeValue("cn")).isEqualTo("Bob Brown");
        }
    }

    @Test
    void identitiesUnderASubtreeAndAddressRanges() throws Exception {
        String onlyFromElsewhere = RULES.replace("127.0.0.0/8", "10.0.0.0/8");
        try (TestServer s = TestServer.memory(onlyFromElsewhere)
                        .loadResource("sample.ldif")
                        .loadLdif(EXTRA);
                LDAPConnection bob = as(s, BOB, "bob-password")) {
            // groups are readable by identities under ou=people
            assertThat(bob.getEntry("cn=admins,ou=groups,dc=example,dc=com")).isNotNull();
            // the catch-all rule reads only from 10.0.0.0/8: from loopback, the suffix is hidden
            assertThat(resultOf(() -> bob.search("dc=example,dc=com", SearchScope.BASE, "(objectClass=*)")))
                    .isEqualTo(ResultCode.NO_SUCH_OBJECT);
        }
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(EXTRA);
                LDAPConnection bob = as(s, BOB, "bob-password");
                LDAPConnection root = as(s, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(bob.getEntry("dc=example,dc=com")).isNotNull();
            // the administrators' group is not special under these rules: only the root DN is
            assertThat(resultOf(() -> as(s, ALICE, "alice-password").delete("cn=plans,ou=secret,dc=example,dc=com")))
                    .isEqualTo(ResultCode.NO_SUCH_OBJECT);
            root.delete("cn=plans,ou=secret,dc=example,dc=com");
        }
    }

    @Test
    void pagedResultsOnlyCountWhatTheAskerMaySee() throws Exception {
        try (TestServer s = TestServer.memory(RULES).loadResource("sample.ldif").loadLdif(EXTRA);
                LDAPConnection bob = as(s, BOB, "bob-password")) {
            SearchRequest r = new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", "1.1");
            r.addControl(new SimplePagedResultsControl(100, (ASN1OctetString) null, false));
            SearchResult result = bob.search(r);
            assertThat(dns(result))
                    .doesNotContain("ou=secret,dc=example,dc=com", "cn=plans,ou=secret,dc=example,dc=com")
                    .isNotEmpty();
            assertThat(SimplePagedResultsControl.get(result).getSize()).isEqualTo(result.getEntryCount());
        }
    }

    @Test
    void withoutAuthOnThePasswordNobodyBinds() throws Exception {
        String noAuth = RULES.replace("{who: anyone, grant: auth}", "{who: anyone, grant: none}");
        try (TestServer s = TestServer.memory(noAuth).loadResource("sample.ldif")) {
            assertThat(resultOf(() -> as(s, BOB, "bob-password"))).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        }
    }

    @Test
    void badRulesStopTheStartNamingTheRule() {
        assertThatThrownBy(() -> TestServer.memory("""
                access:
                  rules:
                    - to: {}
                      by: [{who: users, grant: read}]
                    - to: {attrs: [noSuchType]}
                      by: [{who: users, grant: read}]
                """))
                .hasMessageContaining("rule 2")
                .hasMessageContaining("noSuchType");
        assertThatThrownBy(() -> TestServer.memory("""
                access:
                  rules:
                    - to: {}
                      by: [{who: everybody, grant: read}]
                """))
                .hasMessageContaining("rule 1")
                .hasMessageContaining("by 1")
                .hasMessageContaining("everybody");
    }
}
