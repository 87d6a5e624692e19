package dev.linden.bench;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.controls.VirtualListViewRequestControl;
import com.unboundid.ldap.sdk.controls.VirtualListViewResponseControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How long an address book's scrolling takes with server-side sort and a virtual list view over a
 * large list (every entry one level below {@code base}): the first window, which sorts the list, then
 * {@code count} windows at random offsets scrolled with the context ID the server returned (served
 * from the list it keeps, without searching again), then as many windows asked without a context ID
 * (each sorts the list again). Prints the median, 90th percentile and mean of each, in milliseconds,
 * and the list's size as the server counted it:
 *
 * <pre>
 * VlvPageTime --port 389 --bindDN cn=admin,dc=example,dc=com --bindPassword secret
 *     --base ou=people,dc=example,dc=com [--sortKey sn] [--orderingRule caseIgnoreOrderingMatch]
 *     [--window 20] [--count 20]
 * </pre>
 *
 * The ordering rule is named because the name attributes of RFC 4519 have none of their own.
 */
public final class VlvPageTime {
    private VlvPageTime() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CompareRate.options(args);
        String base = o.get("base");
        SortKey key = new SortKey(
                o.getOrDefault("sortKey", "sn"), o.getOrDefault("orderingRule", "caseIgnoreOrderingMatch"), false);
        int window = Integer.parseInt(o.getOrDefault("window", "20"));
        int count = Integer.parseInt(o.getOrDefault("count", "20"));
        Random random = new Random(1);
        try (LDAPConnection c = new LDAPConnection(
                o.getOrDefault("hostname", "127.0.0.1"),
                Integer.parseInt(o.get("port")),
                o.get("bindDN"),
                o.get("bindPassword"))) {
            long t = System.nanoTime();
            VirtualListViewResponseControl first = window(c, base, key, 1, window, 0, null);
            double firstMs = (System.nanoTime() - t) / 1e6;
            int size = first.getContentCount();
            ASN1OctetString context = first.getContextID();
            List<Double> scrolled = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                t = System.nanoTime();
                VirtualListViewResponseControl r =
                        window(c, base, key, 1 + random.nextInt(size), window, size, context);
                scrolled.add((System.nanoTime() - t) / 1e6);
                context = r.getContextID();
            }
            List<Double> fresh = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                t = System.nanoTime();
                window(c, base, key, 1 + random.nextInt(size), window, size, null);
                fresh.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf(
                    "list %d entries, window %d, sorted by %s:%s%n",
                    size, window, key.getAttributeName(), key.getMatchingRuleID());
            System.out.printf("first-window-ms %.2f%n", firstMs);
            System.out.println("scroll-with-context-ms " + MemberChangeTime.summary(scrolled));
            System.out.println("window-without-context-ms " + MemberChangeTime.summary(fresh));
        }
    }

    /** One window of {@code window} entries from {@code offset} (1-based); its VLV response control. */
    private static VirtualListViewResponseControl window(
            LDAPConnection c,
            String base,
            SortKey key,
            int offset,
            int window,
            int contentCount,
            ASN1OctetString context)
            throws Exception {
        SearchRequest r = new SearchRequest(base, SearchScope.ONE, "(objectClass=*)", "cn", "sn");
        r.addControl(new ServerSideSortRequestControl(true, key));
        r.addControl(new VirtualListViewRequestControl(offset, 0, window - 1, contentCount, context, true));
        SearchResult result = c.search(r);
        VirtualListViewResponseControl vlv = VirtualListViewResponseControl.get(result);
        if (result.getResultCode() != ResultCode.SUCCESS || vlv == null || result.getEntryCount() == 0) {
            throw new IllegalStateException("the window at " + offset + " failed: " + result);
        }
        return vlv;
    }
}
