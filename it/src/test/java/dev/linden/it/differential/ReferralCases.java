package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;
import static dev.linden.it.differential.Case.write;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl;
import java.util.List;

/**
 * Referral objects (RFC 3296) in the shared data (referrals.ldif, under ou=refs): referral results
 * with their rewritten URLs and matched DN, continuation references in searches, and ManageDsaIT to
 * see and change them as entries. Write cases make their own referral object with ManageDsaIT.
 */
public final class ReferralCases {
    private static final String REFS = "ou=refs,dc=example,dc=com";
    private static final String AWAY = "ou=away," + REFS;
    private static final String NODN = "cn=nodn," + REFS;

    private ReferralCases() {}

    private static Case.Action search(String base, SearchScope scope, String filter, boolean manage, String... attrs) {
        return (s, o) -> {
            SearchRequest r = new SearchRequest(base, scope, filter, attrs);
            if (manage) {
                r.addControl(new ManageDsaITRequestControl(true));
            }
            o.search("search", Ops.search(s.admin(), r));
        };
    }

    private static Case.Action compare(String dn, String attr, String value, boolean manage) {
        return (s, o) -> {
            CompareRequest r = new CompareRequest(dn, attr, value);
            if (manage) {
                r.addControl(new ManageDsaITRequestControl(true));
            }
            o.result("compare", Ops.call(() -> s.admin().compare(r)));
        };
    }

    /** Makes a referral object cn=ref in the case's subtree (with ManageDsaIT), then runs the step on it. */
    private static Case.Action onReferral(Step step) {
        return (s, o) -> {
            AddRequest add = new AddRequest(
                    s.dn("cn=ref"),
                    new Attribute("objectClass", "referral", "extensibleObject"),
                    new Attribute("cn", "ref"),
                    new Attribute("ref", "ldap://elsewhere.example.com/cn=there,o=other"));
            add.addControl(new ManageDsaITRequestControl(true));
            o.result("add referral", Ops.call(() -> s.admin().add(add)));
            o.result("result", Ops.call(() -> step.run(s, s.admin())));
            SearchRequest look = new SearchRequest(s.base(), SearchScope.SUB, "(objectClass=referral)", "cn", "ref");
            look.addControl(new ManageDsaITRequestControl(true));
            o.search("referral objects after", Ops.search(s.admin(), look));
        };
    }

    @FunctionalInterface
    private interface Step {
        com.unboundid.ldap.sdk.LDAPResult run(Server s, LDAPConnection c) throws com.unboundid.ldap.sdk.LDAPException;
    }

    private static <T extends com.unboundid.ldap.sdk.UpdatableLDAPRequest> T managing(T request) {
        request.addControl(new ManageDsaITRequestControl(true));
        return request;
    }

    public static List<Case> all() {
        return List.of(
                read("search based at a referral object", search(AWAY, SearchScope.BASE, "(objectClass=*)", false)),
                read(
                        "subtree search based at a referral object",
                        search(AWAY, SearchScope.SUB, "(objectClass=*)", false)),
                read(
                        "search based below a referral object",
                        search("cn=x," + AWAY, SearchScope.SUB, "(objectClass=*)", false)),
                read(
                        "one-level search based below a referral without a DN",
                        search("cn=x," + NODN, SearchScope.ONE, "(objectClass=*)", false)),
                read(
                        "subtree search meeting referral objects",
                        search(REFS, SearchScope.SUB, "(cn=plain)", false, "1.1")),
                read(
                        "one-level search meeting referral objects",
                        search(REFS, SearchScope.ONE, "(objectClass=*)", false, "1.1")),
                read(
                        "subordinates search meeting referral objects",
                        search(REFS, SearchScope.SUBORDINATE_SUBTREE, "(objectClass=person)", false, "1.1")),
                read(
                        "indexed search meeting referral objects",
                        search(REFS, SearchScope.SUB, "(uid=nobody)", false, "1.1")),
                read(
                        "search with ManageDsaIT returns referral objects",
                        search(REFS, SearchScope.SUB, "(objectClass=*)", true, "*", "ref")),
                read(
                        "search with ManageDsaIT based at a referral object",
                        search(AWAY, SearchScope.BASE, "(objectClass=*)", true, "ref", "ou")),
                read("ref is operational", search(AWAY, SearchScope.BASE, "(objectClass=*)", true)),
                read("compare on a referral object", compare(AWAY, "ou", "away", false)),
                read("compare below a referral object", compare("cn=y," + AWAY, "cn", "y", false)),
                read("compare with ManageDsaIT", compare(AWAY, "ou", "away", true)),
                write(
                        "modify a referral object",
                        onReferral((s, c) -> c.modify(new ModifyRequest(
                                s.dn("cn=ref"), new Modification(ModificationType.REPLACE, "description", "x"))))),
                write(
                        "modify a referral object with ManageDsaIT",
                        onReferral((s, c) -> c.modify(managing(new ModifyRequest(
                                s.dn("cn=ref"),
                                new Modification(ModificationType.REPLACE, "ref", "ldap://new.example.com/")))))),
                write(
                        "add below a referral object",
                        onReferral((s, c) -> c.add(new AddRequest(
                                s.dn("cn=n,cn=ref"),
                                new Attribute("objectClass", "person"),
                                new Attribute("cn", "n"),
                                new Attribute("sn", "n"))))),
                write(
                        "add below a missing entry below a referral object",
                        onReferral((s, c) -> c.add(new AddRequest(
                                s.dn("cn=n,cn=m,cn=ref"),
                                new Attribute("objectClass", "person"),
                                new Attribute("cn", "n"),
                                new Attribute("sn", "n"))))),
                write("delete a referral object", onReferral((s, c) -> c.delete(new DeleteRequest(s.dn("cn=ref"))))),
                write(
                        "delete a referral object with ManageDsaIT",
                        onReferral((s, c) -> c.delete(managing(new DeleteRequest(s.dn("cn=ref")))))),
                write(
                        "delete below a referral object",
                        onReferral((s, c) -> c.delete(new DeleteRequest(s.dn("cn=x,cn=ref"))))),
                write(
                        "rename a referral object",
                        onReferral((s, c) -> c.modifyDN(new ModifyDNRequest(s.dn("cn=ref"), "cn=ref2", true)))),
                write(
                        "rename a referral object with ManageDsaIT",
                        onReferral(
                                (s, c) -> c.modifyDN(managing(new ModifyDNRequest(s.dn("cn=ref"), "cn=ref2", true))))),
                write(
                        "add a referral object without ManageDsaIT",
                        (s, o) -> o.result(
                                "add",
                                Ops.call(() -> s.admin()
                                        .add(new AddRequest(
                                                s.dn("cn=ref"),
                                                new Attribute("objectClass", "referral", "extensibleObject"),
                                                new Attribute("cn", "ref"),
                                                new Attribute("ref", "ldap://elsewhere.example.com/")))))));
    }
}
