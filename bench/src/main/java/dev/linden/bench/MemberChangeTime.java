package dev.linden.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How long adding one value to (and deleting one value from) a huge attribute takes, one modify at
 * a time on one connection: a few unmeasured warm-up adds and deletes, then {@code count} adds of
 * new values, each timed, then the deletes of the same values, each timed; then, optionally, the
 * time to read the whole attribute (one search, every value; after {@code --readWarmUp} reads not
 * timed, so that a server compiling its code as it goes is measured warm, as in the other loads). Prints the median, 90th percentile
 * and mean of each, in milliseconds:
 *
 * <pre>
 * MemberChangeTime --port 389 --bindDN cn=admin,dc=example,dc=com --bindPassword secret
 *     --entryDN cn=big,ou=groups,dc=example,dc=com --attribute member
 *     --value 'uid=new.%d,ou=people,dc=example,dc=com' [--count 20] [--warmUp 5] [--reads 3]
 *     [--readWarmUp 0]
 * </pre>
 */
public final class MemberChangeTime {
    private MemberChangeTime() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CompareRate.options(args);
        String entryDn = o.get("entryDN");
        String attribute = o.getOrDefault("attribute", "member");
        String template = o.get("value");
        int count = Integer.parseInt(o.getOrDefault("count", "20"));
        int warmUp = Integer.parseInt(o.getOrDefault("warmUp", "5"));
        int reads = Integer.parseInt(o.getOrDefault("reads", "3"));
        int readWarmUp = Integer.parseInt(o.getOrDefault("readWarmUp", "0"));
        try (LDAPConnection c = new LDAPConnection(
                o.getOrDefault("hostname", "127.0.0.1"),
                Integer.parseInt(o.get("port")),
                o.get("bindDN"),
                o.get("bindPassword"))) {
            for (int i = 0; i < warmUp; i++) {
                String v = String.format(template, -1 - i);
                c.modify(entryDn, new Modification(ModificationType.ADD, attribute, v));
                c.modify(entryDn, new Modification(ModificationType.DELETE, attribute, v));
            }
            List<Double> adds = new ArrayList<>();
            List<Double> deletes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String v = String.format(template, i);
                long t = System.nanoTime();
                c.modify(entryDn, new Modification(ModificationType.ADD, attribute, v));
                adds.add((System.nanoTime() - t) / 1e6);
            }
            if (!c.compare(entryDn, attribute, String.format(template, count - 1))
                    .compareMatched()) {
                throw new IllegalStateException("the last value added is not there");
            }
            for (int i = 0; i < count; i++) {
                String v = String.format(template, i);
                long t = System.nanoTime();
                c.modify(entryDn, new Modification(ModificationType.DELETE, attribute, v));
                deletes.add((System.nanoTime() - t) / 1e6);
            }
            System.out.println("add-ms " + summary(adds));
            System.out.println("delete-ms " + summary(deletes));
            if (reads > 0) {
                for (int i = 0; i < readWarmUp; i++) {
                    c.getEntry(entryDn, attribute);
                }
                List<Double> times = new ArrayList<>();
                int values = 0;
                for (int i = 0; i < reads; i++) {
                    long t = System.nanoTime();
                    SearchResultEntry e = c.getEntry(entryDn, attribute);
                    times.add((System.nanoTime() - t) / 1e6);
                    values = e.getAttributeValues(attribute).length;
                }
                System.out.println("read-ms " + summary(times) + " values " + values);
            }
        }
    }

    /** "median M p90 P mean A" of the times. */
    static String summary(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1
                ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        double p90 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.9 * sorted.size()) - 1));
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return String.format("median %.2f p90 %.2f mean %.2f", median, p90, mean);
    }
}
