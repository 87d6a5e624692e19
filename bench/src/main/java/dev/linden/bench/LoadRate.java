package dev.linden.bench;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One workload of {@code bench/pinned} driven by N client threads, each on its own UnboundID SDK
 * connection, for a warm-up and then a measured time; prints the rate, the latency percentiles and
 * what the server process spent per operation. The SDK's SearchRate, AuthRate and ModRate report
 * averages only; this sends the same operations and keeps every latency (see {@link Latencies}).
 *
 * <pre>
 * LoadRate --workload search|auth|modify|group --port 389 --entries 100000 --suffix dc=example,dc=com
 *     --bindDN uid=user.1,ou=people,dc=example,dc=com --bindPassword password
 *     [--groups 1,5,10,25,50] [--threads 8] [--warmUpSeconds 5] [--seconds 10]
 *     [--serverPid PID] [--series 1] [--primePort 390 --primeSeconds 10]
 * </pre>
 *
 * <ul>
 *   <li>{@code search}: subtree search from the suffix for {@code (uid=user.<random>)}, all user
 *       attributes, as the bind DN (SearchRate's workload);</li>
 *   <li>{@code auth}: that search, then a simple bind as the entry found on a second connection; one
 *       operation is both (AuthRate's);</li>
 *   <li>{@code modify}: replace {@code description} of a random user with 10 random letters (ModRate's);</li>
 *   <li>{@code group}: base search of {@code cn=group.<p>,ou=groups} (one of {@code --groups}, a
 *       group of the first p% of the users) with {@code (member=uid=user.<random>,...)} and no attributes:
 *       "is this user in that group?", answered by the entry or by nothing.</li>
 * </ul>
 *
 * <p>With {@code --serverPid}, the server's CPU time (user + system, from {@code /proc/PID/stat}) is
 * read when measuring starts and ends, so CPU per operation covers exactly the operations counted.
 * The tool's own CPU share is printed too: near 100% of its core, the client is the limit, not the
 * server. {@code --series S} adds the operations of every S seconds (for the warm-up after a start).
 * {@code --primePort} first runs the workload unmeasured against another, warm server for
 * {@code --primeSeconds}, so the client's own JIT is warm, prints {@code primed} to standard error,
 * then waits for the server under test to accept a bind and measures from that moment: the rate
 * just after a start is the server's, not the client's.
 *
 * <p>Prints one line of name/value pairs: {@code ops/s, p50us, p99us, errors, ops, cpuUsPerOp,
 * serverCpu%, clientCpu%}, then {@code series ...} when asked.
 */
public final class LoadRate {
    private LoadRate() {}

    /** What one client thread does once; returns false when the answer was wrong (an error). */
    @FunctionalInterface
    private interface Operation {
        boolean run(ThreadLocalRandom random) throws LDAPException;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = CompareRate.options(args);
        String workload = o.get("workload");
        String host = o.getOrDefault("hostname", "127.0.0.1");
        int port = Integer.parseInt(o.get("port"));
        int entries = Integer.parseInt(o.get("entries"));
        String suffix = o.getOrDefault("suffix", "dc=example,dc=com");
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        double warmUp = Double.parseDouble(o.getOrDefault("warmUpSeconds", "5"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "10"));
        long serverPid = Long.parseLong(o.getOrDefault("serverPid", "0"));
        double series = Double.parseDouble(o.getOrDefault("series", "0"));
        int[] groups = parsePercentages(o.getOrDefault("groups", "1,5,10,25,50"));

        if (o.containsKey("primePort")) { // the client's own JIT warmed on a server that is already warm
            int primePort = Integer.parseInt(o.get("primePort"));
            Clients prime = new Clients(o, workload, host, primePort, threads, entries, suffix, groups);
            prime.drive(Double.parseDouble(o.getOrDefault("primeSeconds", "10")), 0, 0, 0);
            System.err.println("primed");
            awaitServer(host, port, o.get("bindDN"), o.get("bindPassword"));
        }
        Clients clients = new Clients(o, workload, host, port, threads, entries, suffix, groups);
        clients.drive(warmUp, seconds, series, serverPid);
    }

    /** Waits until the server accepts a bind, however long it takes to start. */
    private static void awaitServer(String host, int port, String dn, String password) throws InterruptedException {
        while (true) {
            try (LDAPConnection c = new LDAPConnection(options(), host, port)) {
                c.bind(dn, password);
                return;
            } catch (LDAPException e) {
                Thread.sleep(20);
            }
        }
    }

    /** Synchronous mode: no reader thread per connection, so the client spends less of its core per operation. */
    private static LDAPConnectionOptions options() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setUseSynchronousMode(true);
        return options;
    }

    /** One connection (two for auth) and one operation per client thread, on one server. */
    private static final class Clients {
        final List<Operation> operations = new ArrayList<>();
        final List<LDAPConnection> connections = new ArrayList<>();

        Clients(
                Map<String, String> o,
                String workload,
                String host,
                int port,
                int threads,
                int entries,
                String suffix,
                int[] groups)
                throws LDAPException {
            for (int t = 0; t < threads; t++) {
                LDAPConnection c = new LDAPConnection(options(), host, port);
                connections.add(c);
                c.bind(o.get("bindDN"), o.get("bindPassword"));
                LDAPConnection second = null;
                if (workload.equals("auth")) {
                    second = new LDAPConnection(options(), host, port);
                    connections.add(second);
                }
                operations.add(operation(workload, c, second, entries, suffix, groups));
            }
        }

        /**
         * Runs every thread for {@code warmUp} seconds unmeasured, then {@code seconds} measured (when
         * more than 0, it prints the result), then closes the connections.
         */
        void drive(double warmUp, double seconds, double series, long serverPid) throws InterruptedException {
            AtomicBoolean counting = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            List<Latencies> perThread = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (Operation op : operations) {
                Latencies latencies = new Latencies();
                perThread.add(latencies);
                workers.add(Thread.ofPlatform()
                        .name("load-" + workers.size())
                        .start(() -> loop(op, latencies, counting, stop)));
            }
            Thread.sleep((long) (warmUp * 1000));
            long cpuBefore = cpuTicks(serverPid);
            long selfBefore = cpuTicks(ProcessHandle.current().pid());
            long begin = System.nanoTime();
            perThread.forEach(l -> l.start(begin));
            counting.set(true);
            Thread.sleep((long) (seconds * 1000));
            counting.set(false);
            long elapsedNanos = System.nanoTime() - begin;
            long cpuAfter = cpuTicks(serverPid);
            long selfAfter = cpuTicks(ProcessHandle.current().pid());
            stop.set(true);
            for (Thread w : workers) {
                w.join();
            }
            connections.forEach(LDAPConnection::close);
            if (seconds <= 0) {
                return;
            }
            Latencies all = Latencies.merge(perThread);
            double elapsed = elapsedNanos / 1e9;
            double hz = 100; // USER_HZ: the unit of /proc/PID/stat's times on every Linux
            double serverCpu = serverPid == 0 ? 0 : (cpuAfter - cpuBefore) / hz;
            double clientCpu = (selfAfter - selfBefore) / hz;
            System.out.printf(
                    "ops/s %.1f p50us %d p99us %d errors %d ops %d cpuUsPerOp %.1f serverCpu%% %.0f clientCpu%% %.0f%s%n",
                    all.count() / elapsed,
                    all.percentile(0.50),
                    all.percentile(0.99),
                    all.errors(),
                    all.count(),
                    all.count() == 0 ? 0 : serverCpu * 1e6 / all.count(),
                    100 * serverCpu / elapsed,
                    100 * clientCpu / elapsed,
                    all.errorNames().isEmpty()
                            ? ""
                            : " errorCodes " + all.errorNames().toString().replace(' ', '_'));
            if (series > 0) {
                System.out.println("series " + all.series((long) (series * 1e9), elapsedNanos));
            }
        }

        /** One client thread: operations back to back, each timed while counting; a lost connection ends it. */
        private static void loop(Operation op, Latencies latencies, AtomicBoolean counting, AtomicBoolean stop) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get()) {
                long start = System.nanoTime();
                boolean ok;
                try {
                    ok = op.run(random);
                } catch (LDAPException e) {
                    ResultCode code = e.getResultCode();
                    if (counting.get() || code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR) {
                        latencies.failed(code.getName());
                    }
                    if (code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR) {
                        return;
                    }
                    continue;
                }
                long end = System.nanoTime();
                if (counting.get()) {
                    if (ok) {
                        latencies.record(end, (end - start) / 1000);
                    } else {
                        latencies.failed("wrong answer");
                    }
                }
            }
        }
    }

    private static Operation operation(
            String workload, LDAPConnection c, LDAPConnection second, int entries, String suffix, int[] groups) {
        String people = "ou=people," + suffix;
        return switch (workload) {
            case "search" ->
                random -> {
                    SearchResult r =
                            c.search(suffix, SearchScope.SUB, "(uid=user." + (1 + random.nextInt(entries)) + ")");
                    return r.getEntryCount() == 1;
                };
            case "auth" ->
                random -> {
                    SearchResult r = c.search(
                            suffix, SearchScope.SUB, "(uid=user." + (1 + random.nextInt(entries)) + ")", "1.1");
                    if (r.getEntryCount() != 1) {
                        return false;
                    }
                    BindRequest bind = new SimpleBindRequest(
                            r.getSearchEntries().getFirst().getDN(), "password");
                    return second.bind(bind).getResultCode() == ResultCode.SUCCESS;
                };
            case "modify" ->
                random -> {
                    String dn = "uid=user." + (1 + random.nextInt(entries)) + "," + people;
                    c.modify(dn, new Modification(ModificationType.REPLACE, "description", letters(random, 10)));
                    return true;
                };
            case "group" ->
                random -> {
                    int p = groups[random.nextInt(groups.length)];
                    int user = 1 + random.nextInt(entries);
                    SearchRequest request = new SearchRequest(
                            "cn=group." + p + ",ou=groups," + suffix,
                            SearchScope.BASE,
                            "(member=uid=user." + user + "," + people + ")",
                            "1.1");
                    boolean member = user <= (long) entries * p / 100;
                    return c.search(request).getEntryCount() == (member ? 1 : 0);
                };
            default ->
                throw new IllegalArgumentException("unknown workload " + workload + " (search, auth, modify, group)");
        };
    }

    private static String letters(ThreadLocalRandom random, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    private static int[] parsePercentages(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    /** utime + stime of a process in clock ticks, 0 when unknown (no such process, not Linux). */
    static long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            // the command name in parentheses may hold spaces: count the fields after its closing one
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
