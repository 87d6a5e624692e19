package dev.linden.bench;

import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Compare operations as fast as N client threads can send them, each on its own connection, for a
 * fixed time after a warm-up; prints the rate. The UnboundID SDK's example tools have no compare
 * rate tool. Each compare asks whether a random value from a numbered range is in an attribute:
 *
 * <pre>
 * CompareRate --port 389 --bindDN uid=user.1,ou=people,dc=example,dc=com --bindPassword password
 *     --entryDN cn=big,ou=groups,dc=example,dc=com --attribute member
 *     --value 'uid=user.%d,ou=people,dc=example,dc=com' --range 1-200000 [--missRatio 0.1]
 *     [--threads 8] [--warmUpSeconds 5] [--seconds 10]
 * </pre>
 *
 * A fraction {@code missRatio} of the values is taken from past the range (compareFalse). Prints one
 * line: {@code compares/s <rate> true <n> false <n> errors <n>}; errors also name their result codes.
 */
public final class CompareRate {
    private CompareRate() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String host = o.getOrDefault("hostname", "127.0.0.1");
        int port = Integer.parseInt(o.get("port"));
        String bindDn = o.get("bindDN");
        String password = o.get("bindPassword");
        String entryDn = o.get("entryDN");
        String attribute = o.getOrDefault("attribute", "member");
        String template = o.get("value");
        String[] range = o.getOrDefault("range", "1-1").split("-");
        int low = Integer.parseInt(range[0]);
        int high = Integer.parseInt(range[1]);
        double missRatio = Double.parseDouble(o.getOrDefault("missRatio", "0"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        long warmUp = Long.parseLong(o.getOrDefault("warmUpSeconds", "5"));
        long seconds = Long.parseLong(o.getOrDefault("seconds", "10"));

        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        LongAdder matched = new LongAdder();
        LongAdder unmatched = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> codes = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            LDAPConnection c = new LDAPConnection(host, port);
            if (bindDn != null) {
                c.bind(bindDn, password);
            }
            workers.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (c) {
                    while (!stop.get()) {
                        int i = random.nextDouble() < missRatio
                                ? high + 1 + random.nextInt(1_000_000)
                                : low + random.nextInt(high - low + 1);
                        String value = template.contains("%d") ? String.format(template, i) : template;
                        boolean count = counting.get();
                        try {
                            boolean match = c.compare(new CompareRequest(entryDn, attribute, value))
                                    .compareMatched();
                            if (count) {
                                (match ? matched : unmatched).increment();
                            }
                        } catch (LDAPException e) {
                            if (count) {
                                errors.increment();
                                codes.computeIfAbsent(e.getResultCode().getName(), k -> new LongAdder())
                                        .increment();
                            }
                            if (e.getResultCode() == ResultCode.SERVER_DOWN) {
                                return;
                            }
                        }
                    }
                }
            }));
        }
        Thread.sleep(warmUp * 1000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        long total = matched.sum() + unmatched.sum();
        System.out.printf(
                "compares/s %.1f true %d false %d errors %d%s%n",
                total / elapsed, matched.sum(), unmatched.sum(), errors.sum(), codes.isEmpty() ? "" : " " + codes);
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, not " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
