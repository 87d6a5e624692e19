package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;
import static dev.linden.it.differential.Case.write;

import com.unboundid.ldap.sdk.ExtendedRequest;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedResult;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import java.util.List;

/**
 * Who am I? and Password Modify; password changes run on the fixture's uid=p1 (password p1-password).
 * The user identity is a plain DN, as ldappasswd sends it. Not compared: an identity in the authzId
 * form "dn:uid=p1,...", which RFC 3062 leaves to the implementation: Linden accepts it, slapd answers
 * invalidAttributeSyntax (21).
 */
public final class ExtendedCases {
    private ExtendedCases() {}

    private static Case.Action whoAmI(String dn, String password) {
        return (s, o) -> {
            try (LDAPConnection c = s.connect()) {
                if (dn != null) {
                    c.bind(new SimpleBindRequest(dn, password));
                }
                ExtendedResult r = c.processExtendedOperation(new WhoAmIExtendedRequest());
                o.result("whoami", r).put("authzId", ((WhoAmIExtendedResult) r).getAuthorizationID());
            }
        };
    }

    /** Changes p1's password as {@code asDn} (null: anonymously), then tries the new and the old password. */
    private static Case.Action passwordModify(
            String asDn, String asPassword, String identityRdn, String oldPw, String newPw) {
        return (s, o) -> {
            String p1 = s.dn("uid=p1");
            String generated;
            try (LDAPConnection c = s.connect()) {
                if (asDn != null) {
                    c.bind(new SimpleBindRequest(asDn.equals("p1") ? p1 : asDn, asPassword));
                }
                String identity = identityRdn == null ? null : s.dn(identityRdn);
                var r = (PasswordModifyExtendedResult)
                        c.processExtendedOperation(new PasswordModifyExtendedRequest(identity, oldPw, newPw));
                generated = r.getGeneratedPassword();
                o.result("password modify", r).put("generated", generated != null);
            }
            String newPassword = generated != null ? generated : newPw;
            o.put("bind with the new password", newPassword == null ? "-" : bindCode(s, p1, newPassword));
            o.put("bind with the old password", bindCode(s, p1, "p1-password"));
        };
    }

    private static String bindCode(Server s, String dn, String password) throws Exception {
        try (LDAPConnection c = s.connect()) {
            return s.rendering().code(Ops.call(() -> c.bind(new SimpleBindRequest(dn, password))));
        }
    }

    /**
     * Starts a refreshAndPersist synchronization (a search that runs until stopped), cancels it, and
     * records both answers: the search's result and the Cancel's.
     */
    private static Case.Action cancelPersistentSearch() {
        return (s, o) -> {
            try (LDAPConnection c = s.connect()) {
                c.bind(BindCases.ADMIN, "admin-secret");
                java.util.concurrent.CompletableFuture<com.unboundid.ldap.sdk.SearchResult> done =
                        new java.util.concurrent.CompletableFuture<>();
                var request = new com.unboundid.ldap.sdk.SearchRequest(
                        new com.unboundid.ldap.sdk.AsyncSearchResultListener() {
                            @Override
                            public void searchEntryReturned(com.unboundid.ldap.sdk.SearchResultEntry entry) {}

                            @Override
                            public void searchReferenceReturned(
                                    com.unboundid.ldap.sdk.SearchResultReference reference) {}

                            @Override
                            public void searchResultReceived(
                                    com.unboundid.ldap.sdk.AsyncRequestID id,
                                    com.unboundid.ldap.sdk.SearchResult result) {
                                done.complete(result);
                            }
                        },
                        "ou=people,dc=example,dc=com",
                        com.unboundid.ldap.sdk.SearchScope.ONE,
                        "(uid=alice)",
                        "1.1");
                request.addControl(new com.unboundid.ldap.sdk.controls.ContentSyncRequestControl(
                        true, com.unboundid.ldap.sdk.controls.ContentSyncRequestMode.REFRESH_AND_PERSIST, null, false));
                var id = c.asyncSearch(request);
                Thread.sleep(500); // the refresh is sent; the search waits for changes
                com.unboundid.ldap.sdk.LDAPResult cancel = Ops.call(() ->
                        c.processExtendedOperation(new com.unboundid.ldap.sdk.extensions.CancelExtendedRequest(id)));
                o.result("cancel", cancel);
                o.result("search", done.get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
        };
    }

    public static List<Case> all() {
        return List.of(
                read("whoami as a user", whoAmI(SearchCases.ALICE, "alice-password")),
                read("whoami as the administrator", whoAmI(BindCases.ADMIN, "admin-secret")),
                read("whoami anonymously", whoAmI(null, null)),
                read(
                        "whoami with a request value",
                        (s, o) -> o.result(
                                "extended",
                                Ops.call(() -> s.admin()
                                        .processExtendedOperation(new ExtendedRequest(
                                                "1.3.6.1.4.1.4203.1.11.3",
                                                new com.unboundid.asn1.ASN1OctetString("abc")))))),
                read(
                        "whoami with an empty request value",
                        (s, o) -> o.result(
                                "extended",
                                Ops.call(() -> s.admin()
                                        .processExtendedOperation(new ExtendedRequest(
                                                "1.3.6.1.4.1.4203.1.11.3",
                                                new com.unboundid.asn1.ASN1OctetString()))))),
                read(
                        "cancel an operation that is not running",
                        (s, o) -> o.result(
                                "cancel",
                                Ops.call(() -> s.admin()
                                        .processExtendedOperation(new ExtendedRequest(
                                                "1.3.6.1.1.8",
                                                new com.unboundid.asn1.ASN1OctetString(
                                                        new com.unboundid.asn1.ASN1Sequence(
                                                                        new com.unboundid.asn1.ASN1Integer(9999))
                                                                .encode())))))),
                read(
                        "cancel without a value",
                        (s, o) -> o.result(
                                "cancel",
                                Ops.call(
                                        () -> s.admin().processExtendedOperation(new ExtendedRequest("1.3.6.1.1.8"))))),
                read("cancel a persistent synchronization", cancelPersistentSearch()),
                read(
                        "unknown extended operation",
                        (s, o) -> o.result(
                                "extended",
                                Ops.call(() -> s.admin()
                                        .processExtendedOperation(new ExtendedRequest("1.3.6.1.4.1.99999.1"))))),
                write(
                        "password modify by the administrator",
                        passwordModify(BindCases.ADMIN, "admin-secret", "uid=p1", null, "new-secret")),
                write(
                        "password modify by the administrator, generated",
                        passwordModify(BindCases.ADMIN, "admin-secret", "uid=p1", null, null)),
                write(
                        "password modify of oneself with the old password",
                        passwordModify("p1", "p1-password", null, "p1-password", "new-secret")),
                write(
                        "password modify of oneself with a wrong old password",
                        passwordModify("p1", "p1-password", null, "wrong", "new-secret")),
                write("password modify anonymously", passwordModify(null, null, "uid=p1", null, "new-secret")),
                write(
                        "password modify of a missing entry",
                        passwordModify(BindCases.ADMIN, "admin-secret", "uid=nobody", null, "new-secret")));
    }
}
