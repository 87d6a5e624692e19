package dev.linden.it.differential;

import static com.unboundid.ldap.sdk.SearchScope.BASE;
import static com.unboundid.ldap.sdk.SearchScope.ONE;
import static com.unboundid.ldap.sdk.SearchScope.SUB;
import static com.unboundid.ldap.sdk.SearchScope.SUBORDINATE_SUBTREE;
import static dev.linden.it.differential.Case.read;
import static dev.linden.it.differential.Ops.search;

import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import java.util.List;

/** Searches of the shared data as the administrator: scopes, every filter type, bases, limits, attribute lists. */
public final class SearchCases {
    static final String SUFFIX = "dc=example,dc=com";
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";

    private SearchCases() {}

    /** A paged search of the people, as ldapsearch -E pr=N -z LIMIT runs it: every page, then the last result. */
    private static Case.Action pagedWithSizeLimit(int pageSize, int sizeLimit) {
        return (s, o) -> {
            List<com.unboundid.ldap.sdk.SearchResultEntry> entries = new java.util.ArrayList<>();
            com.unboundid.asn1.ASN1OctetString cookie = null;
            SearchResult result;
            int pages = 0;
            do {
                SearchRequest r = new SearchRequest(PEOPLE, ONE, "(objectClass=person)", "1.1");
                r.setSizeLimit(sizeLimit);
                r.addControl(new com.unboundid.ldap.sdk.controls.SimplePagedResultsControl(pageSize, cookie));
                result = search(s.admin(), r);
                entries.addAll(result.getSearchEntries());
                var response = com.unboundid.ldap.sdk.controls.SimplePagedResultsControl.get(result);
                cookie = response == null || response.getCookie().getValueLength() == 0 ? null : response.getCookie();
            } while (cookie != null
                    && result.getResultCode() == com.unboundid.ldap.sdk.ResultCode.SUCCESS
                    && ++pages < 10);
            // which entries fill the limit is the server's choice: how many is not
            o.result("last page", result).put("entries", entries.size());
        };
    }

    public static List<Case> all() {
        return List.of(
                // scopes
                read("scope base", search(ALICE, BASE, "(objectClass=*)")),
                read("scope one", search(PEOPLE, ONE, "(objectClass=*)")),
                read("scope sub", search(SUFFIX, SUB, "(objectClass=*)")),
                read("scope subordinates", search(SUFFIX, SUBORDINATE_SUBTREE, "(objectClass=*)", "1.1")),
                read("scope one on a leaf", search(ALICE, ONE, "(objectClass=*)")),
                // filter types
                read("equality", search(PEOPLE, SUB, "(uid=bob)")),
                read("equality ignores case", search(PEOPLE, SUB, "(cn=ALICE ANDERSEN)")),
                read(
                        "equality on a DN value, other spacing and case",
                        search(SUFFIX, SUB, "(member=UID=Bob, OU=People,dc=example,dc=com)", "cn")),
                read(
                        "equality on objectClass matches superclasses",
                        search(PEOPLE, SUB, "(objectClass=person)", "1.1")),
                read("not on an unknown object class", search(PEOPLE, ONE, "(!(objectClass=fooClass))", "1.1")),
                read("not on an unknown object class OID", search(PEOPLE, ONE, "(!(objectClass=1.2.3.4))", "1.1")),
                read("equality on objectClass by OID", search(PEOPLE, ONE, "(objectClass=2.5.6.6)", "1.1")),
                read("equality on a supertype (name)", search(PEOPLE, SUB, "(name=Brown)", "1.1")),
                read("substring initial", search(PEOPLE, SUB, "(cn=Al*)")),
                read("substring any", search(PEOPLE, SUB, "(mail=*example*)", "mail")),
                read("substring final", search(PEOPLE, SUB, "(sn=*en)", "sn")),
                read("substring initial any final", search(PEOPLE, SUB, "(cn=B*o*n)", "cn")),
                read("greater or equal on an integer", search(PEOPLE, SUB, "(uidNumber>=2005)", "uidNumber")),
                read("less or equal on an integer", search(PEOPLE, SUB, "(uidNumber<=2005)", "uidNumber")),
                read("greater or equal without an ordering rule", search(PEOPLE, SUB, "(employeeNumber>=1002)", "1.1")),
                read("present", search(PEOPLE, SUB, "(telephoneNumber=*)", "telephoneNumber")),
                read("approximate", search(PEOPLE, SUB, "(sn~=Andersen)", "sn")),
                read("extensible caseExactMatch", search(PEOPLE, SUB, "(cn:caseExactMatch:=Alice Andersen)", "cn")),
                read(
                        "extensible caseExactMatch, other case",
                        search(PEOPLE, SUB, "(cn:caseExactMatch:=alice andersen)", "cn")),
                read("extensible caseIgnoreMatch", search(PEOPLE, SUB, "(sn:caseIgnoreMatch:=BROWN)", "sn")),
                read("extensible dn attributes", search(SUFFIX, SUB, "(ou:dn:=people)", "1.1")),
                read("extensible rule without a type", search(PEOPLE, SUB, "(:caseIgnoreMatch:=carol chen)", "1.1")),
                read("and", search(PEOPLE, SUB, "(&(objectClass=inetOrgPerson)(sn=B*))", "1.1")),
                read("or", search(PEOPLE, SUB, "(|(uid=alice)(uid=carol))", "1.1")),
                read("not", search(PEOPLE, ONE, "(!(uid=alice))", "1.1")),
                read("absolute true", search(PEOPLE, ONE, "(&)", "1.1")),
                read("absolute false", search(PEOPLE, ONE, "(|)", "1.1")),
                read("not absolute false", search(PEOPLE, ONE, "(!(|))", "1.1")),
                read("unknown attribute in a filter", search(PEOPLE, SUB, "(fooBar=x)", "1.1")),
                read("unknown attribute under not", search(PEOPLE, SUB, "(!(fooBar=x))", "1.1")),
                read(
                        "not present of an unknown attribute",
                        search(PEOPLE, SUB, "(&(uid=alice)(!(undefinedAttr=*)))", "1.1")),
                read("unknown attribute under or", search(PEOPLE, SUB, "(|(fooBar=x)(uid=bob))", "1.1")),
                read("invalid integer assertion", search(PEOPLE, SUB, "(uidNumber>=abc)", "1.1")),
                read("invalid integer assertion under not", search(PEOPLE, SUB, "(!(uidNumber=abc))", "1.1")),
                read("integer assertion with a leading zero", search(PEOPLE, SUB, "(uidNumber=02001)", "1.1")),
                read("empty assertion value", search(PEOPLE, SUB, "(cn=)", "1.1")),
                read("hasSubordinates in a filter", search(SUFFIX, SUB, "(hasSubordinates=TRUE)", "1.1")),
                read(
                        "entryDN in a filter",
                        search(SUFFIX, SUB, "(entryDN=uid=carol,ou=people,dc=example,dc=com)", "1.1")),
                read("hex-escaped value in a filter", search(PEOPLE, SUB, "(cn=a\\2bb = c)", "cn")),
                // bases
                read("base does not exist", search("uid=nobody," + PEOPLE, BASE, "(objectClass=*)")),
                read(
                        "base two levels below the last entry",
                        search("cn=x,ou=nowhere," + SUFFIX, SUB, "(objectClass=*)")),
                read("base outside any naming context", search("dc=other,dc=org", SUB, "(objectClass=*)")),
                read("base with an escaped comma", search("cn=Smith\\, John," + PEOPLE, BASE, "(objectClass=*)")),
                read("base with hex escapes", search("cn=Smith\\2C John," + PEOPLE, BASE, "(objectClass=*)")),
                read("base with escaped plus and equals", search("cn=a\\+b \\3D c," + PEOPLE, BASE, "(objectClass=*)")),
                read(
                        "base in other case and spacing",
                        search("UID=Alice , OU=People,DC=Example,DC=Com", BASE, "(objectClass=*)")),
                // limits and attribute lists
                read("size limit smaller than the result", (s, o) -> {
                    SearchRequest r = new SearchRequest(PEOPLE, ONE, "(objectClass=inetOrgPerson)", "1.1");
                    r.setSizeLimit(2);
                    SearchResult result = search(s.admin(), r);
                    o.result("search", result).put("entries returned", result.getEntryCount());
                }),
                read("paged search with a size limit smaller than the result", pagedWithSizeLimit(10, 2)),
                read("paged search, pages of one, size limit smaller than the result", pagedWithSizeLimit(1, 2)),
                read("size limit equal to the result", (s, o) -> {
                    SearchRequest r = new SearchRequest(PEOPLE, ONE, "(uid=*)", "1.1");
                    r.setSizeLimit(5);
                    o.search("search", search(s.admin(), r));
                }),
                read("types only", (s, o) -> {
                    SearchRequest r = new SearchRequest(PEOPLE, SUB, "(uid=bob)");
                    r.setTypesOnly(true);
                    o.search("search", search(s.admin(), r));
                }),
                read("attributes *", search(PEOPLE, ONE, "(uid=carol)", "*")),
                read("attributes 1.1", search(PEOPLE, ONE, "(uid=carol)", "1.1")),
                read("attributes +", search(PEOPLE, SUB, "(objectClass=*)", "+")),
                read("attributes * and +", search(ALICE, BASE, "(objectClass=*)", "*", "+")),
                read("attributes by name, one unknown", search(ALICE, BASE, "(objectClass=*)", "cn", "MAIL", "fooBar")),
                read("attribute by an alias name", search(ALICE, BASE, "(objectClass=*)", "surname", "commonName")),
                read(
                        "operational attribute by name",
                        search(ALICE, BASE, "(objectClass=*)", "entryDN", "hasSubordinates")));
    }
}
