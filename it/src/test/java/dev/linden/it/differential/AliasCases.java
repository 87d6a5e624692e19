package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;
import static dev.linden.it.differential.Case.write;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Aliases (referrals.ldif, under ou=aliases; one more in ou=groups, which leads to ou=people) searched
 * with each of the four dereferencing modes from each kind of base (an alias to an entry, to a
 * subtree, to an alias, dangling, circular, and their parent), in each scope; then filters, names
 * below aliases, and updates that meet an alias.
 *
 * <p>Not compared: following aliases in a subordinates-scope search, which no RFC defines; slapd
 * returns some alias targets (a leaf) and not others (ones with children). Linden walks each target's
 * subordinates, as the scope says for the base. Entries are compared as sets: slapd sends an entry
 * twice when an alias leads to it and another to a subtree holding it; Linden sends it once.
 */
public final class AliasCases {
    private static final String ALIASES = "ou=aliases,dc=example,dc=com";

    private AliasCases() {}

    private static Case.Action search(String base, SearchScope scope, DereferencePolicy deref, String filter) {
        return (s, o) -> {
            SearchRequest r = new SearchRequest(base, scope, filter, "1.1");
            r.setDerefPolicy(deref);
            o.search("search", Ops.search(s.admin(), r));
        };
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        List<String> bases = List.of("cn=to-alice", "cn=to-groups", "cn=to-alias", "cn=dangling", "cn=loop1", "");
        for (DereferencePolicy deref : DereferencePolicy.values()) {
            for (String rdn : bases) {
                for (SearchScope scope : List.of(SearchScope.BASE, SearchScope.ONE, SearchScope.SUB)) {
                    String base = rdn.isEmpty() ? ALIASES : rdn + "," + ALIASES;
                    cases.add(read(
                            "deref " + deref.getName() + ", base " + (rdn.isEmpty() ? "ou=aliases" : rdn) + ", scope "
                                    + scope.getName(),
                            search(base, scope, deref, "(objectClass=*)")));
                }
            }
        }
        cases.addAll(List.of(
                read(
                        "deref in searching, a filter on the targets",
                        search(ALIASES, SearchScope.SUB, DereferencePolicy.SEARCHING, "(cn=developers)")),
                read(
                        "deref in searching, a filter on the aliases",
                        search(ALIASES, SearchScope.SUB, DereferencePolicy.SEARCHING, "(cn=to-alice)")),
                read(
                        "deref in searching, the same entry through two ways",
                        search("dc=example,dc=com", SearchScope.SUB, DereferencePolicy.SEARCHING, "(uid=alice)")),
                read(
                        "deref always, base below an alias",
                        search(
                                "cn=admins,cn=to-groups," + ALIASES,
                                SearchScope.BASE,
                                DereferencePolicy.ALWAYS,
                                "(objectClass=*)")),
                read(
                        "deref always, missing base below an alias",
                        search(
                                "cn=x,cn=to-groups," + ALIASES,
                                SearchScope.BASE,
                                DereferencePolicy.ALWAYS,
                                "(objectClass=*)")),
                read(
                        "deref in searching, base below an alias",
                        search(
                                "cn=admins,cn=to-groups," + ALIASES,
                                SearchScope.BASE,
                                DereferencePolicy.SEARCHING,
                                "(objectClass=*)")),
                read(
                        "deref finding, base below a circular alias",
                        search(
                                "cn=x,cn=loop1," + ALIASES,
                                SearchScope.BASE,
                                DereferencePolicy.FINDING,
                                "(objectClass=*)")),
                read(
                        "deref finding, base below a dangling alias",
                        search(
                                "cn=x,cn=dangling," + ALIASES,
                                SearchScope.BASE,
                                DereferencePolicy.FINDING,
                                "(objectClass=*)")),
                read("deref always, size limit", (s, o) -> {
                    SearchRequest r = new SearchRequest(ALIASES, SearchScope.SUB, "(objectClass=*)", "1.1");
                    r.setDerefPolicy(DereferencePolicy.ALWAYS);
                    r.setSizeLimit(2);
                    var result = Ops.search(s.admin(), r);
                    o.result("search", result).put("entries", result.getEntryCount());
                }),
                read(
                        "compare below an alias",
                        (s, o) -> o.result(
                                "compare",
                                Ops.call(() -> s.admin()
                                        .compare(new CompareRequest(
                                                "cn=admins,cn=to-groups," + ALIASES, "cn", "admins"))))),
                read(
                        "compare on an alias",
                        (s, o) -> o.result(
                                "compare",
                                Ops.call(() -> s.admin()
                                        .compare(new CompareRequest("cn=to-alice," + ALIASES, "cn", "to-alice"))))),
                write("add below an alias", (s, o) -> {
                    o.result(
                            "alias",
                            Ops.call(() -> s.admin()
                                    .add(new AddRequest(
                                            s.dn("cn=a"),
                                            new Attribute("objectClass", "alias", "extensibleObject"),
                                            new Attribute("cn", "a"),
                                            new Attribute("aliasedObjectName", s.dn("ou=sub"))))));
                    o.result(
                            "below it",
                            Ops.call(() -> s.admin()
                                    .add(new AddRequest(
                                            s.dn("cn=n,cn=a"),
                                            new Attribute("objectClass", "person"),
                                            new Attribute("cn", "n"),
                                            new Attribute("sn", "n")))));
                }),
                write("move under an alias", (s, o) -> {
                    o.result(
                            "alias",
                            Ops.call(() -> s.admin()
                                    .add(new AddRequest(
                                            s.dn("cn=a"),
                                            new Attribute("objectClass", "alias", "extensibleObject"),
                                            new Attribute("cn", "a"),
                                            new Attribute("aliasedObjectName", s.dn("ou=sub"))))));
                    o.result(
                            "move",
                            Ops.call(() -> s.admin()
                                    .modifyDN(new ModifyDNRequest(s.dn("uid=p1"), "uid=p1", true, s.dn("cn=a")))));
                }),
                write(
                        "alias without aliasedObjectName",
                        (s, o) -> o.result(
                                "add",
                                Ops.call(() -> s.admin()
                                        .add(new AddRequest(
                                                s.dn("cn=a"),
                                                new Attribute("objectClass", "alias", "extensibleObject"),
                                                new Attribute("cn", "a")))))),
                write(
                        "alias with two targets",
                        (s, o) -> o.result(
                                "add",
                                Ops.call(() -> s.admin()
                                        .add(new AddRequest(
                                                s.dn("cn=a"),
                                                new Attribute("objectClass", "alias", "extensibleObject"),
                                                new Attribute("cn", "a"),
                                                new Attribute("aliasedObjectName", s.dn("ou=sub"), s.dn("uid=p1"))))))),
                write("delete an alias", (s, o) -> {
                    o.result(
                            "alias",
                            Ops.call(() -> s.admin()
                                    .add(new AddRequest(
                                            s.dn("cn=a"),
                                            new Attribute("objectClass", "alias", "extensibleObject"),
                                            new Attribute("cn", "a"),
                                            new Attribute("aliasedObjectName", s.dn("ou=sub"))))));
                    o.result("delete", Ops.call(() -> s.admin().delete(s.dn("cn=a"))));
                })));
        return cases;
    }
}
