package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;
import static dev.linden.it.differential.Case.write;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.DontUseCopyRequestControl;
import com.unboundid.ldap.sdk.controls.MatchedValuesFilter;
import com.unboundid.ldap.sdk.controls.MatchedValuesRequestControl;
import com.unboundid.ldap.sdk.controls.PermissiveModifyRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.PreReadRequestControl;
import com.unboundid.ldap.sdk.controls.PreReadResponseControl;
import java.util.List;

/**
 * The request controls of RFC 4528 (assertion), RFC 4527 (pre-read and post-read), RFC 3876 (matched
 * values), permissive modify and don't-use-copy (RFC 6171), each with UnboundID's control classes, on
 * the operations they apply to, where they fail, and where they do not apply (critical or not).
 *
 * <p>Not compared: a matched values item with an extensible match, which slapd 2.5 answers with every
 * value of the entry (its evaluation fails and the filter is dropped); Linden keeps the values the
 * rule matches. An assertion whose filter has an unknown choice, which slapd evaluates as Undefined
 * (assertionFailed); Linden's decoder refuses it (protocolError). An assertion whose BER is cut short,
 * on which slapd drops the connection; Linden answers protocolError. Likewise a matched values item of
 * an unknown choice, which slapd ignores (every value is returned): Linden answers protocolError.
 */
public final class ControlCases {
    private static final String ALICE = SearchCases.ALICE;
    private static final String PEOPLE = SearchCases.PEOPLE;

    private ControlCases() {}

    private static Control assertion(String filter, boolean critical) {
        try {
            return new AssertionRequestControl(filter, critical);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Control raw(String oid, boolean critical, byte[] value) {
        return new Control(oid, critical, value == null ? null : new ASN1OctetString(value));
    }

    /** A search as the administrator with these controls; results and entries compared. */
    private static Case.Action search(
            String base, SearchScope scope, String filter, List<Control> controls, String... attrs) {
        return (s, o) -> {
            SearchRequest r = new SearchRequest(base, scope, filter, attrs);
            r.setControls(controls);
            o.search("search", Ops.search(s.admin(), r));
        };
    }

    private static Case.Action compare(String dn, String attr, String value, Control... controls) {
        return (s, o) ->
                o.result("compare", Ops.call(() -> s.admin().compare(new CompareRequest(dn, attr, value, controls))));
    }

    /** A write in the fixture, then its result and the read entry controls that came back. */
    private static Case.Action update(
            java.util.function.Function<Server, com.unboundid.ldap.sdk.UpdatableLDAPRequest> request,
            Control... controls) {
        return (s, o) -> {
            var r = request.apply(s);
            r.setControls(controls);
            LDAPResult result = Ops.call(() -> switch (r) {
                case AddRequest a -> s.admin().add(a);
                case DeleteRequest d -> s.admin().delete(d);
                case ModifyRequest m -> s.admin().modify(m);
                case ModifyDNRequest m -> s.admin().modifyDN(m);
                default -> throw new IllegalArgumentException(r.toString());
            });
            o.result("result", result);
            readEntries(s, o, result);
        };
    }

    static void readEntries(Server s, Outcome o, LDAPResult result) throws Exception {
        PreReadResponseControl pre = PreReadResponseControl.get(result);
        if (pre != null) {
            o.put("pre-read", s.rendering().entries(List.of(pre.getEntry())));
        }
        PostReadResponseControl post = PostReadResponseControl.get(result);
        if (post != null) {
            o.put("post-read", s.rendering().entries(List.of(post.getEntry())));
        }
    }

    private static ModifyRequest modifyP1(Server s, ModificationType type, String attr, String... values) {
        return new ModifyRequest(s.dn("uid=p1"), new Modification(type, attr, values));
    }

    private static AddRequest addX(Server s) {
        return new AddRequest(
                s.dn("cn=x"),
                new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                new com.unboundid.ldap.sdk.Attribute("cn", "x"),
                new com.unboundid.ldap.sdk.Attribute("sn", "y"),
                new com.unboundid.ldap.sdk.Attribute("description", "new"));
    }

    private static Case.Action matchedValues(String base, String filter, MatchedValuesFilter... values) {
        return search(base, SearchScope.SUB, filter, List.of(new MatchedValuesRequestControl(values)));
    }

    public static List<Case> all() {
        return List.of(
                // assertion (RFC 4528)
                read(
                        "assertion true on a search base",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(assertion("(uid=alice)", true)),
                                "uid")),
                read(
                        "assertion false on a search base",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(assertion("(uid=bob)", true)),
                                "uid")),
                read(
                        "assertion on a subtree search tests the base only",
                        search(PEOPLE, SearchScope.SUB, "(uid=alice)", List.of(assertion("(uid=alice)", true)), "uid")),
                read(
                        "assertion on a search base that does not exist",
                        search(
                                "uid=nobody," + PEOPLE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(assertion("(uid=alice)", true)))),
                read(
                        "assertion false, not critical",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(assertion("(uid=bob)", false)),
                                "uid")),
                read(
                        "assertion with an undefined attribute",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(assertion("(fooBar=x)", true)),
                                "uid")),
                read(
                        "assertion without a value",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(raw("1.3.6.1.1.12", true, null)),
                                "uid")),
                read(
                        "assertion twice",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(assertion("(uid=alice)", true), assertion("(uid=alice)", true)),
                                "uid")),
                read("assertion true on a compare", compare(ALICE, "sn", "Andersen", assertion("(uid=alice)", true))),
                read("assertion false on a compare", compare(ALICE, "sn", "Andersen", assertion("(uid=bob)", true))),
                write(
                        "assertion true on a modify",
                        update(
                                s -> modifyP1(s, ModificationType.REPLACE, "description", "x"),
                                assertion("(uid=p1)", true))),
                write(
                        "assertion false on a modify",
                        update(
                                s -> modifyP1(s, ModificationType.REPLACE, "description", "x"),
                                assertion("(uid=p2)", true))),
                write(
                        "assertion false on a delete",
                        update(s -> new DeleteRequest(s.dn("uid=p1")), assertion("(sn=Two)", true))),
                write(
                        "assertion true on a delete",
                        update(s -> new DeleteRequest(s.dn("uid=p1")), assertion("(sn=One)", true))),
                write(
                        "assertion false on a rename",
                        update(
                                s -> new ModifyDNRequest(s.dn("uid=p1"), "uid=p9", true),
                                assertion("(mail=nobody@example.com)", true))),
                write("assertion on an add", update(s -> addX(s), assertion("(cn=x)", true))),
                write("assertion on an add, not matching", update(s -> addX(s), assertion("(cn=zz)", true))),
                // pre-read and post-read (RFC 4527)
                write(
                        "pre-read and post-read on a modify",
                        update(
                                s -> modifyP1(s, ModificationType.REPLACE, "description", "after"),
                                new PreReadRequestControl(true, "description", "cn"),
                                new PostReadRequestControl(true, "description", "cn"))),
                write(
                        "pre-read of all user attributes on a delete",
                        update(s -> new DeleteRequest(s.dn("uid=p1")), new PreReadRequestControl(true))),
                write(
                        "post-read on an add",
                        update(
                                s -> addX(s),
                                new PostReadRequestControl(
                                        true, "cn", "description", "entryUUID", "structuralObjectClass"))),
                write(
                        "pre-read and post-read on a rename",
                        update(
                                s -> new ModifyDNRequest(s.dn("uid=p1"), "uid=p9", true),
                                new PreReadRequestControl(true, "uid"),
                                new PostReadRequestControl(true, "uid", "entryDN"))),
                write("pre-read on an add, critical", update(s -> addX(s), new PreReadRequestControl(true, "cn"))),
                write("pre-read on an add, not critical", update(s -> addX(s), new PreReadRequestControl(false, "cn"))),
                write(
                        "post-read on a delete, critical",
                        update(s -> new DeleteRequest(s.dn("uid=p1")), new PostReadRequestControl(true, "cn"))),
                write(
                        "post-read on a failing modify",
                        update(
                                s -> modifyP1(s, ModificationType.ADD, "uidNumber", "5"),
                                new PostReadRequestControl(true, "cn"))),
                write(
                        "post-read with all operational attributes",
                        update(
                                s -> modifyP1(s, ModificationType.REPLACE, "description", "x"),
                                new PostReadRequestControl(true, "+"))),
                read(
                        "pre-read on a search, critical",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(new PreReadRequestControl(true, "cn")),
                                "uid")),
                read(
                        "post-read on a compare, not critical",
                        compare(ALICE, "sn", "Andersen", new PostReadRequestControl(false, "cn"))),
                // matched values (RFC 3876)
                read(
                        "matched values, equality",
                        matchedValues(
                                PEOPLE,
                                "(uid=dave)",
                                MatchedValuesFilter.createEqualityFilter("objectClass", "posixAccount"))),
                read(
                        "matched values, one value of a group",
                        matchedValues(
                                "ou=groups,dc=example,dc=com",
                                "(cn=developers)",
                                MatchedValuesFilter.createEqualityFilter(
                                        "member", "UID=Bob,ou=people,dc=example,dc=com"))),
                read(
                        "matched values, substring",
                        matchedValues(
                                PEOPLE,
                                "(uid=alice)",
                                MatchedValuesFilter.createSubstringFilter("cn", "Ali", null, null))),
                read(
                        "matched values, no value matches",
                        matchedValues(
                                PEOPLE,
                                "(uid=alice)",
                                MatchedValuesFilter.createEqualityFilter("mail", "nobody@example.com"))),
                read(
                        "matched values, presence",
                        matchedValues(PEOPLE, "(uid=alice)", MatchedValuesFilter.createPresentFilter("mail"))),
                read(
                        "matched values, ordering",
                        matchedValues(
                                PEOPLE,
                                "(objectClass=posixAccount)",
                                MatchedValuesFilter.createGreaterOrEqualFilter("uidNumber", "2005"))),
                read(
                        "matched values, two items on one attribute",
                        matchedValues(
                                "ou=groups,dc=example,dc=com",
                                "(cn=*)",
                                MatchedValuesFilter.createEqualityFilter(
                                        "member", "uid=bob,ou=people,dc=example,dc=com"),
                                MatchedValuesFilter.createEqualityFilter(
                                        "member", "uid=alice,ou=people,dc=example,dc=com"))),
                read(
                        "matched values, an unknown attribute",
                        matchedValues(PEOPLE, "(uid=alice)", MatchedValuesFilter.createEqualityFilter("fooBar", "x"))),
                read(
                        "matched values, a supertype",
                        matchedValues(
                                PEOPLE, "(uid=alice)", MatchedValuesFilter.createEqualityFilter("name", "Andersen"))),
                // permissive modify
                write(
                        "permissive modify adds a value already there",
                        update(
                                s -> modifyP1(s, ModificationType.ADD, "mail", "p1@example.com"),
                                new PermissiveModifyRequestControl(true))),
                write(
                        "permissive modify deletes a value not there",
                        update(
                                s -> modifyP1(s, ModificationType.DELETE, "mail", "nobody@example.com"),
                                new PermissiveModifyRequestControl(true))),
                write(
                        "permissive modify deletes an attribute not there",
                        update(
                                s -> modifyP1(s, ModificationType.DELETE, "description"),
                                new PermissiveModifyRequestControl(false))),
                write(
                        "permissive modify still checks the schema",
                        update(
                                s -> modifyP1(s, ModificationType.ADD, "uidNumber", "5"),
                                new PermissiveModifyRequestControl(true))),
                // don't use copy (RFC 6171)
                read(
                        "don't use copy on a search",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(new DontUseCopyRequestControl()),
                                "uid")),
                read("don't use copy on a compare", compare(ALICE, "sn", "Andersen", new DontUseCopyRequestControl())),
                read(
                        "don't use copy, not critical",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(raw("1.3.6.1.1.22", false, null)),
                                "uid")),
                read(
                        "don't use copy with a value",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(raw("1.3.6.1.1.22", true, new byte[] {1})),
                                "uid")),
                write(
                        "don't use copy on a modify",
                        update(
                                s -> modifyP1(s, ModificationType.REPLACE, "description", "x"),
                                raw("1.3.6.1.1.22", true, null))),
                // controls where they do not apply, and unknown ones
                write(
                        "sort control on a modify, critical",
                        update(
                                s -> modifyP1(s, ModificationType.REPLACE, "description", "x"),
                                new com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl(
                                        true, new com.unboundid.ldap.sdk.controls.SortKey("cn")))),
                read(
                        "unknown control, critical",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(raw("1.2.3.4.5.6", true, null)),
                                "uid")),
                read(
                        "unknown control, not critical",
                        search(
                                ALICE,
                                SearchScope.BASE,
                                "(objectClass=*)",
                                List.of(raw("1.2.3.4.5.6", false, null)),
                                "uid")));
    }
}
