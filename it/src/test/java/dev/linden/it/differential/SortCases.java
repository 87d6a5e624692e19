package dev.linden.it.differential;

import static dev.linden.it.differential.Case.read;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewResponseControl;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side sort (RFC 2891) and virtual list views (draft-ietf-ldapext-ldapv3-vlv), against slapd's
 * sssvlv overlay: the order of the entries (DNs in the order sent), the sort and VLV response
 * controls, and the answers to sorts that cannot be done. The people are sorted; entries lacking a
 * key (the two without givenName) show where a missing value goes.
 */
public final class SortCases {
    private static final String PEOPLE = SearchCases.PEOPLE;
    private static final String PERSONS = "(objectClass=person)";

    private SortCases() {}

    static Case.Action sorted(String filter, boolean critical, SortKey... keys) {
        return search(PEOPLE, filter, new ServerSideSortRequestControl(critical, keys));
    }

    static Case.Action search(String base, String filter, Control... controls) {
        return (s, o) -> {
            SearchRequest r = new SearchRequest(base, SearchScope.ONE, filter, "1.1");
            r.setControls(controls);
            try (var c = admin(s)) {
                record(s, o, "search", Ops.search(c, r));
            }
        };
    }

    /**
     * A connection of its own as the administrator: slapd keeps up to five sorts or lists per
     * connection (busy past them), so each case starts afresh.
     */
    static com.unboundid.ldap.sdk.LDAPConnection admin(Server s) throws Exception {
        var c = s.connect();
        c.bind(BindCases.ADMIN, "admin-secret");
        return c;
    }

    /**
     * A request that follows another of the same session's sorted lists. slapd 2.5's sssvlv frees the
     * previous list only after it has answered, so a follow-up that arrives at once may be answered
     * busy; slapd alone is asked again, after a moment, up to five times (Linden's answer is never
     * retried, so a busy from Linden still shows as a difference).
     */
    static SearchResult followUp(Server s, com.unboundid.ldap.sdk.LDAPConnection c, SearchRequest r)
            throws InterruptedException {
        SearchResult result = Ops.search(c, r);
        for (int retry = 0;
                retry < 5 && s.name().equals("slapd") && result.getResultCode() == ResultCode.BUSY;
                retry++) {
            Thread.sleep(100);
            result = Ops.search(c, r);
        }
        return result;
    }

    /** The result, the DNs in the order they came, and the sort and VLV response controls. */
    static void record(Server s, Outcome o, String label, SearchResult result) throws Exception {
        o.result(label, result);
        List<String> order = new ArrayList<>();
        for (SearchResultEntry e : result.getSearchEntries()) {
            order.add(Rendering.dn(e.getDN()));
        }
        o.put(label + " order", order);
        ServerSideSortResponseControl sort = ServerSideSortResponseControl.get(result);
        o.put(
                label + " sort response",
                sort == null
                        ? "none"
                        : sort.getResultCode() + " "
                                + (sort.getAttributeName() == null
                                        ? ""
                                        : sort.getAttributeName().toLowerCase(java.util.Locale.ROOT)));
        VirtualListViewResponseControl vlv = VirtualListViewResponseControl.get(result);
        if (vlv != null) {
            o.put(
                    label + " vlv response",
                    "target=" + vlv.getTargetPosition() + " count=" + vlv.getContentCount() + " result="
                            + vlv.getResultCode() + " context=" + (vlv.getContextID() != null));
        }
    }

    /** A key on a name attribute: no ordering rule in either schema (RFC 4519), so it is named. */
    private static SortKey key(String attr) {
        return new SortKey(attr, "caseIgnoreOrderingMatch", false);
    }

    private static SortKey reverse(String attr) {
        return new SortKey(attr, "caseIgnoreOrderingMatch", true);
    }

    private static Case.Action vlv(int before, int after, int offset, int count, SortKey... keys) {
        return search(
                PEOPLE,
                PERSONS,
                new ServerSideSortRequestControl(keys),
                new VirtualListViewRequestControl(offset, before, after, count, null));
    }

    private static Case.Action vlvValue(int before, int after, String value, SortKey... keys) {
        return search(
                PEOPLE,
                PERSONS,
                new ServerSideSortRequestControl(keys),
                new VirtualListViewRequestControl(value, before, after, null));
    }

    public static List<Case> all() {
        return List.of(
                read("sort by cn", sorted(PERSONS, true, key("cn"))),
                read("sort by cn, reversed", sorted(PERSONS, true, reverse("cn"))),
                read("sort by givenName, entries without it", sorted(PERSONS, true, key("givenName"), key("sn"))),
                read(
                        "sort by givenName reversed, entries without it",
                        sorted(PERSONS, true, reverse("givenName"), key("sn"))),
                read(
                        "sort by an attribute's own ordering rule",
                        sorted(PERSONS, true, new SortKey("uidNumber"), key("cn"))),
                read("sort by two keys", sorted(PERSONS, true, key("sn"), reverse("cn"))),
                read("sort by an integer", sorted("(uidNumber=*)", true, new SortKey("uidNumber", true))),
                read("sort by cn without naming a rule", sorted(PERSONS, true, new SortKey("cn"))),
                read(
                        "sort with a named ordering rule",
                        sorted(PERSONS, true, new SortKey("cn", "caseExactOrderingMatch", false))),
                read("sort by an attribute without an ordering rule", sorted(PERSONS, true, new SortKey("mail"))),
                read(
                        "sort by an attribute without an ordering rule, not critical",
                        sorted(PERSONS, false, new SortKey("mail"))),
                read("sort by an unknown attribute", sorted(PERSONS, true, new SortKey("fooBar"))),
                read("sort by an unknown attribute, not critical", sorted(PERSONS, false, new SortKey("fooBar"))),
                read(
                        "sort by a multi-valued attribute",
                        search(
                                "ou=groups,dc=example,dc=com",
                                "(objectClass=*)",
                                new ServerSideSortRequestControl(
                                        new SortKey("member", "caseIgnoreOrderingMatch", false)))),
                read("sort with an unknown ordering rule", sorted(PERSONS, true, new SortKey("cn", "fooMatch", false))),
                read("sort of nothing", sorted("(uid=nobody)", true, key("cn"))),
                read("sort with a size limit", (s, o) -> {
                    SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, PERSONS, "1.1");
                    r.setSizeLimit(3);
                    r.addControl(new ServerSideSortRequestControl(key("cn")));
                    SearchResult result = Ops.search(s.admin(), r);
                    o.result("search", result).put("entries", result.getEntryCount());
                }),
                read("sort with paged results", (s, o) -> {
                    var c = admin(s);
                    com.unboundid.asn1.ASN1OctetString cookie = null;
                    // two pages: slapd 2.5 answers the third request of this session busy (a fault of its own)
                    for (int page = 0; page < 2; page++) {
                        SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, PERSONS, "1.1");
                        r.setControls(
                                new ServerSideSortRequestControl(reverse("cn")),
                                new SimplePagedResultsControl(3, cookie));
                        SearchResult result = followUp(s, c, r);
                        record(s, o, "page " + page, result);
                        var paged = SimplePagedResultsControl.get(result);
                        cookie = paged == null || paged.getCookie().getValueLength() == 0 ? null : paged.getCookie();
                        if (cookie == null) {
                            break;
                        }
                    }
                    c.close();
                }),
                // virtual list views
                read("vlv by offset, the first page", vlv(0, 2, 1, 0, key("cn"))),
                read("vlv by offset, in the middle", vlv(1, 1, 4, 0, key("cn"))),
                read("vlv by offset, past the end", vlv(1, 1, 20, 0, key("cn"))),
                read("vlv by offset, the last one", vlv(2, 0, 7, 7, key("cn"))),
                read("vlv by offset, scaled by the client's count", vlv(0, 0, 2, 4, key("cn"))),
                read("vlv by offset zero", vlv(0, 1, 0, 0, key("cn"))),
                read("vlv by value", vlvValue(1, 1, "c", key("cn"))),
                read("vlv by value past every entry", vlvValue(1, 0, "zzz", key("cn"))),
                read("vlv by value, reversed", vlvValue(0, 1, "c", reverse("cn"))),
                read("vlv without sort", search(PEOPLE, PERSONS, new VirtualListViewRequestControl(1, 0, 1, 0, null))),
                read(
                        "vlv with paged results",
                        search(
                                PEOPLE,
                                PERSONS,
                                new ServerSideSortRequestControl(key("cn")),
                                new VirtualListViewRequestControl(1, 0, 1, 0, null),
                                new SimplePagedResultsControl(2))),
                read("vlv scrolling with the context ID", (s, o) -> {
                    var c = admin(s);
                    VirtualListViewResponseControl last = null;
                    // two windows: slapd 2.5 may answer a third VLV request of the session busy (its sssvlv
                    // frees the previous list only after answering), which the comparison cannot expect
                    for (int offset = 1; offset <= 4; offset += 3) {
                        SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, PERSONS, "1.1");
                        r.setControls(
                                new ServerSideSortRequestControl(key("sn")),
                                new VirtualListViewRequestControl(
                                        offset,
                                        0,
                                        2,
                                        last == null ? 0 : last.getContentCount(),
                                        last == null ? null : last.getContextID()));
                        SearchResult result = followUp(s, c, r);
                        record(s, o, "offset " + offset, result);
                        last = VirtualListViewResponseControl.get(result);
                    }
                    c.close();
                }));
    }
}
