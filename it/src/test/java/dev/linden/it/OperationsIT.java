package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.*;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedResult;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operation over a real socket with the UnboundID LDAP SDK, against Linden on LMDB. */
class OperationsIT {
    static TestServer server;
    static LDAPConnection admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.lmdb(TestServer.tempDir("linden-ops"), "").loadResource("sample.ldif");
        admin = new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    private static LDAPConnection connect() throws LDAPException {
        return new LDAPConnection("127.0.0.1", server.port());
    }

    @Test
    void simpleBindSucceedsWithTheRightPasswordOnly() throws Exception {
        try (LDAPConnection c = connect()) {
            assertThat(c.bind("uid=alice,ou=people,dc=example,dc=com", "alice-password")
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThatThrownBy(() -> c.bind("uid=alice,ou=people,dc=example,dc=com", "wrong"))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            assertThatThrownBy(() -> c.bind("uid=nobody,ou=people,dc=example,dc=com", "x"))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
        }
    }

    @Test
    void unauthenticatedBindIsRefused() throws Exception {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setBindWithDNRequiresPassword(false);
        try (LDAPConnection c = new LDAPConnection(options, "127.0.0.1", server.port())) {
            LDAPResult r = c.processOperation(new SimpleBindRequest("uid=alice,ou=people,dc=example,dc=com", ""));
            assertThat(r.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        }
    }

    @Test
    void anonymousMayReadTheRootDseButNotTheTree() throws Exception {
        try (LDAPConnection c = connect()) {
            RootDSE dse = c.getRootDSE();
            assertThat(dse.getNamingContextDNs()).containsExactly("dc=example,dc=com");
            assertThat(dse.getSupportedExtendedOperationOIDs()).contains("1.3.6.1.4.1.4203.1.11.3");
            assertThat(dse.getSupportedControlOIDs()).contains(SimplePagedResultsControl.PAGED_RESULTS_OID);
            // the tree is hidden from anonymous clients: as if it did not exist
            assertThatThrownBy(() -> c.search(new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(uid=*)")))
                    .isInstanceOfSatisfying(
                            LDAPSearchException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
        }
    }

    @Test
    void searchScopesReturnTheRightEntries() throws Exception {
        assertThat(dns(admin.search("ou=people,dc=example,dc=com", SearchScope.BASE, "(objectClass=*)")))
                .containsExactly("ou=people,dc=example,dc=com");
        assertThat(dns(admin.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=*)")))
                .containsExactlyInAnyOrder(
                        "uid=alice,ou=people,dc=example,dc=com",
                        "uid=bob,ou=people,dc=example,dc=com",
                        "uid=carol,ou=people,dc=example,dc=com");
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=groupOfNames)")))
                .containsExactlyInAnyOrder(
                        "cn=developers,ou=groups,dc=example,dc=com", "cn=admins,ou=groups,dc=example,dc=com");
        assertThat(dns(admin.search("ou=groups,dc=example,dc=com", SearchScope.SUBORDINATE_SUBTREE, "(objectClass=*)")))
                .hasSize(2)
                .doesNotContain("ou=groups,dc=example,dc=com");
    }

    @Test
    void filtersOfEveryKindMatch() throws Exception {
        assertThat(dns(admin.search(
                        "dc=example,dc=com", SearchScope.SUB, "(&(objectClass=person)(|(sn=Brown)(cn=Carol*)))")))
                .containsExactlyInAnyOrder(
                        "uid=bob,ou=people,dc=example,dc=com", "uid=carol,ou=people,dc=example,dc=com");
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(&(objectClass=person)(!(uid=alice)))")))
                .hasSize(2);
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(mail=*@example.com)")))
                .hasSize(3);
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(cn=*ro*)")))
                .hasSize(2); // Brown, Carol
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(cn~=alice andersen)")))
                .hasSize(1);
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(cn:caseExactMatch:=Bob Brown)")))
                .hasSize(1);
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(cn:caseExactMatch:=bob brown)")))
                .isEmpty();
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(ou:dn:=people)")))
                .hasSize(4);
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(telephoneNumber=+15550101)")))
                .hasSize(1);
        assertThat(dns(admin.search(
                        "dc=example,dc=com", SearchScope.SUB, "(member=UID=BOB,OU=People,DC=Example,DC=COM)")))
                .containsExactly("cn=developers,ou=groups,dc=example,dc=com");
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(&)")))
                .hasSize(8);
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(|)")))
                .isEmpty();
        assertThat(dns(admin.search("dc=example,dc=com", SearchScope.SUB, "(noSuchAttribute=x)")))
                .isEmpty();
    }

    @Test
    void attributeSelectionAndOperationalAttributes() throws Exception {
        SearchResultEntry e = admin.getEntry("uid=alice,ou=people,dc=example,dc=com");
        assertThat(e.getAttributeValue("cn")).isEqualTo("Alice Andersen");
        assertThat(e.hasAttribute("userPassword"))
                .as("passwords are never returned")
                .isFalse();
        assertThat(e.hasAttribute("entryUUID"))
                .as("operational attributes only on request")
                .isFalse();
        SearchResultEntry ops = admin.getEntry("uid=alice,ou=people,dc=example,dc=com", "+");
        assertThat(ops.hasAttribute("cn")).isFalse();
        assertThat(ops.getAttributeValue("entryDN")).isEqualTo("uid=alice,ou=people,dc=example,dc=com");
        assertThat(ops.getAttributeValue("structuralObjectClass")).isEqualTo("inetOrgPerson");
        assertThat(ops.getAttributeValue("hasSubordinates")).isEqualTo("FALSE");
        assertThat(ops.getAttributeValue("entryUUID")).matches("[0-9a-f-]{36}");
        assertThat(ops.getAttributeValue("createTimestamp")).matches("\\d{14}Z");
        SearchResultEntry none = admin.getEntry("uid=alice,ou=people,dc=example,dc=com", "1.1");
        assertThat(none.getAttributes()).isEmpty();
        SearchResultEntry some = admin.getEntry("ou=people,dc=example,dc=com", "numSubordinates", "ou");
        assertThat(some.getAttributeValue("numSubordinates")).isEqualTo("3");
        assertThat(some.getAttributeValue("ou")).isEqualTo("people");
        SearchResult typesOnly = admin.search(new SearchRequest(
                "uid=bob,ou=people,dc=example,dc=com",
                SearchScope.BASE,
                DereferencePolicy.NEVER,
                0,
                0,
                true,
                "(objectClass=*)",
                "cn"));
        assertThat(typesOnly.getSearchEntries().get(0).getAttribute("cn").getValues())
                .isEmpty();
    }

    @Test
    void sizeLimitStopsTheSearch() throws Exception {
        SearchRequest r = new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)");
        r.setSizeLimit(2);
        assertThatThrownBy(() -> admin.search(r)).isInstanceOfSatisfying(LDAPSearchException.class, e -> {
            assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
            assertThat(e.getEntryCount()).isEqualTo(2);
        });
    }

    @Test
    void missingBaseGivesNoSuchObjectWithMatchedDn() {
        assertThatThrownBy(() -> admin.search(
                        "uid=x,ou=nowhere,ou=people,dc=example,dc=com", SearchScope.SUB, "(objectClass=*)"))
                .isInstanceOfSatisfying(LDAPSearchException.class, e -> {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.getMatchedDN()).isEqualTo("ou=people,dc=example,dc=com");
                });
    }

    @Test
    void pagedResultsWalkEveryEntryOnce() throws Exception {
        List<String> seen = new ArrayList<>();
        byte[] cookie = null;
        int pages = 0;
        do {
            SearchRequest r = new SearchRequest("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", "1.1");
            r.addControl(new SimplePagedResultsControl(
                    3, cookie == null ? null : new com.unboundid.asn1.ASN1OctetString(cookie), false));
            SearchResult result = admin.search(r);
            result.getSearchEntries().forEach(e -> seen.add(e.getDN()));
            SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
            cookie = response.moreResultsToReturn() ? response.getCookie().getValue() : null;
            pages++;
        } while (cookie != null);
        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void addModifyRenameCompareDelete() throws Exception {
        String dn = "uid=dora,ou=people,dc=example,dc=com";
        admin.add(
                dn,
                new Attribute("objectClass", "inetOrgPerson"),
                new Attribute("uid", "dora"),
                new Attribute("cn", "Dora Diaz"),
                new Attribute("sn", "Diaz"));
        assertThatThrownBy(() -> admin.add(
                        dn,
                        new Attribute("objectClass", "inetOrgPerson"),
                        new Attribute("uid", "dora"),
                        new Attribute("cn", "Dora"),
                        new Attribute("sn", "D")))
                .isInstanceOfSatisfying(
                        LDAPException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS));
        admin.modify(
                dn,
                new Modification(ModificationType.ADD, "mail", "dora@example.com"),
                new Modification(ModificationType.REPLACE, "sn", "Diaz-Duarte"));
        assertThat(admin.getEntry(dn).getAttributeValue("sn")).isEqualTo("Diaz-Duarte");
        assertThat(admin.compare(dn, "mail", "DORA@example.com").compareMatched())
                .isTrue();
        assertThat(admin.compare(dn, "sn", "Diaz").compareMatched()).isFalse();
        admin.modifyDN(dn, "uid=dolores", true);
        String renamed = "uid=dolores,ou=people,dc=example,dc=com";
        assertThat(admin.getEntry(dn)).isNull();
        assertThat(admin.getEntry(renamed).getAttributeValues("uid")).containsExactly("dolores");
        admin.delete(renamed);
        assertThat(admin.getEntry(renamed)).isNull();
    }

    @Test
    void modifyIncrementAndErrors() throws Exception {
        String dn = "uid=posix,ou=people,dc=example,dc=com";
        admin.add(
                dn,
                new Attribute("objectClass", "inetOrgPerson", "posixAccount"),
                new Attribute("uid", "posix"),
                new Attribute("cn", "Posix"),
                new Attribute("sn", "P"),
                new Attribute("uidNumber", "1000"),
                new Attribute("gidNumber", "100"),
                new Attribute("homeDirectory", "/home/posix"));
        admin.modify(dn, new Modification(ModificationType.INCREMENT, "uidNumber", "5"));
        assertThat(admin.getEntry(dn).getAttributeValue("uidNumber")).isEqualTo("1005");
        assertThat(resultOf(() -> admin.modify(dn, new Modification(ModificationType.DELETE, "mail", "x@y"))))
                .isEqualTo(ResultCode.NO_SUCH_ATTRIBUTE);
        assertThat(resultOf(() -> admin.modify(dn, new Modification(ModificationType.ADD, "cn", "posix"))))
                .isEqualTo(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
        assertThat(resultOf(() -> admin.modify(dn, new Modification(ModificationType.DELETE, "uid"))))
                .isEqualTo(ResultCode.NOT_ALLOWED_ON_RDN);
        assertThat(resultOf(() -> admin.modify(dn, new Modification(ModificationType.DELETE, "sn"))))
                .isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
        assertThat(resultOf(() -> admin.modify(dn, new Modification(ModificationType.REPLACE, "uidNumber", "one"))))
                .isEqualTo(ResultCode.INVALID_ATTRIBUTE_SYNTAX);
        assertThat(resultOf(() -> admin.modify(
                        dn, new Modification(ModificationType.REPLACE, "createTimestamp", "20200101000000Z"))))
                .isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
        admin.delete(dn);
    }

    @Test
    void subtreeRenameMovesChildren() throws Exception {
        admin.add(
                "ou=lab,dc=example,dc=com",
                new Attribute("objectClass", "organizationalUnit"),
                new Attribute("ou", "lab"));
        admin.add(
                "cn=bench,ou=lab,dc=example,dc=com",
                new Attribute("objectClass", "device"),
                new Attribute("cn", "bench"));
        admin.modifyDN("ou=lab,dc=example,dc=com", "ou=workshop", true, "ou=groups,dc=example,dc=com");
        assertThat(admin.getEntry("cn=bench,ou=workshop,ou=groups,dc=example,dc=com"))
                .isNotNull();
        assertThat(admin.getEntry("cn=bench,ou=lab,dc=example,dc=com")).isNull();
        assertThat(resultOf(() -> admin.delete("ou=workshop,ou=groups,dc=example,dc=com")))
                .isEqualTo(ResultCode.NOT_ALLOWED_ON_NONLEAF);
        admin.delete("cn=bench,ou=workshop,ou=groups,dc=example,dc=com");
        admin.delete("ou=workshop,ou=groups,dc=example,dc=com");
    }

    @Test
    void whoAmIAndPasswordModify() throws Exception {
        try (LDAPConnection c = connect()) {
            assertThat(((WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest()))
                            .getAuthorizationID())
                    .isEmpty();
            c.bind("uid=bob,ou=people,dc=example,dc=com", "bob-password");
            assertThat(((WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest()))
                            .getAuthorizationID())
                    .isEqualTo("dn:uid=bob,ou=people,dc=example,dc=com");
            PasswordModifyExtendedResult r = (PasswordModifyExtendedResult)
                    c.processExtendedOperation(new PasswordModifyExtendedRequest(null, "bob-password", "bob-new-pw"));
            assertThat(r.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(c.bind("uid=bob,ou=people,dc=example,dc=com", "bob-new-pw")
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            // the administrator resets it with a generated password
            PasswordModifyExtendedResult generated =
                    (PasswordModifyExtendedResult) admin.processExtendedOperation(new PasswordModifyExtendedRequest(
                            "dn:uid=bob,ou=people,dc=example,dc=com", (String) null, (String) null));
            assertThat(generated.getGeneratedPassword()).hasSizeGreaterThanOrEqualTo(12);
            assertThat(c.bind("uid=bob,ou=people,dc=example,dc=com", generated.getGeneratedPassword())
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            admin.processExtendedOperation(
                    new PasswordModifyExtendedRequest("uid=bob,ou=people,dc=example,dc=com", null, "bob-password"));
        }
    }

    @Test
    void manyOutstandingRequestsAreAnsweredByMessageId() throws Exception {
        try (LDAPConnection c =
                new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            List<AsyncRequestID> ids = new ArrayList<>();
            List<String> expected = List.of("alice", "bob", "carol");
            List<List<String>> found = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String uid = expected.get(i % 3);
                List<String> sink = new ArrayList<>();
                found.add(sink);
                AsyncSearchResultListener listener = new AsyncSearchResultListener() {
                    @Override
                    public void searchEntryReturned(SearchResultEntry e) {
                        synchronized (sink) {
                            sink.add(e.getAttributeValue("uid"));
                        }
                    }

                    @Override
                    public void searchReferenceReturned(SearchResultReference r) {}

                    @Override
                    public void searchResultReceived(AsyncRequestID id, SearchResult r) {}
                };
                ids.add(c.asyncSearch(
                        new SearchRequest(listener, "dc=example,dc=com", SearchScope.SUB, "(uid=" + uid + ")", "uid")));
            }
            for (int i = 0; i < ids.size(); i++) {
                LDAPResult r = ids.get(i).get(10, TimeUnit.SECONDS);
                assertThat(r.getResultCode()).isEqualTo(ResultCode.SUCCESS);
                synchronized (found.get(i)) {
                    assertThat(found.get(i)).containsExactly(expected.get(i % 3));
                }
            }
        }
    }

    @Test
    void unknownCriticalControlIsRefused() throws Exception {
        SearchRequest r = new SearchRequest("dc=example,dc=com", SearchScope.BASE, "(objectClass=*)");
        r.addControl(new Control("1.2.3.4.5.6", true));
        assertThat(resultOf(() -> admin.search(r))).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
        r.setControls(new Control("1.2.3.4.5.6", false));
        assertThat(admin.search(r).getEntryCount()).isEqualTo(1);
    }

    interface Op {
        void run() throws LDAPException;
    }

    static ResultCode resultOf(Op op) {
        try {
            op.run();
            return ResultCode.SUCCESS;
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    static List<String> dns(SearchResult r) {
        return r.getSearchEntries().stream().map(SearchResultEntry::getDN).toList();
    }
}
