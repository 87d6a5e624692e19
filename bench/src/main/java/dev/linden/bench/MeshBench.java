package dev.linden.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.linden.testkit.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures of a three-server writable Linden mesh (servers in processes of their own on loopback, each
 * pair linked through a TCP proxy that can cut it): write throughput of one server alone, of the mesh
 * written on one server and on all three; replication lag p50/p99 between two providers at a given
 * rate; and the time for all three to hold equal content digests after one was cut off from the
 * others for a while with changes written on both sides (the backlog).
 *
 * <pre>bench/mesh [--entries N] [--backlog N] [--partition-seconds S] [--seconds S] [--threads T] [--rate R]</pre>
 */
public final class MeshBench {
    private static final String PEOPLE = "ou=people,dc=example,dc=com";

    public static void main(String[] args) throws Exception {
        int entries = 10_000;
        int backlog = 10_000;
        int partitionSeconds = 60;
        int seconds = 20;
        int threads = 8;
        int rate = 300;
        Path work = Files.createTempDirectory("linden-meshbench");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--entries" -> entries = Integer.parseInt(args[i + 1]);
                case "--backlog" -> backlog = Integer.parseInt(args[i + 1]);
                case "--partition-seconds" -> partitionSeconds = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path ldif = work.resolve("data.ldif");
        Servers.run(
                List.of(
                        "python3",
                        Path.of("bench/gen-ldif.py").toAbsolutePath().toString(),
                        Integer.toString(entries),
                        ldif.toString()),
                work.resolve("gen.log"));
        List<String> report = new ArrayList<>();
        report.add(String.format(
                Locale.ROOT,
                "%d entries, %d client threads; load average at start: %s",
                entries,
                threads,
                Servers.loadAverage()));
        Map<String, TcpProxy> links = new HashMap<>();
        try (Servers s = new Servers(work)) {
            Servers.Server solo = s.lindenImported("solo", ldif, 9, "");
            report.add(throughput("one server, no replication", List.of(solo), entries, threads, seconds, null));
            solo.stop();
            List<Servers.Server> mesh = s.lindenMesh("m", ldif, 3, links);
            awaitEqualDigests(mesh, 300);
            report.add(
                    throughput("mesh of 3, all writes on one", List.of(mesh.get(0)), entries, threads, seconds, mesh));
            report.add(throughput("mesh of 3, writes on all three", mesh, entries, threads, seconds, mesh));
            report.add(ReplicationBench.lag("mesh 1 -> 2", mesh.get(0), mesh.get(1), entries, rate, seconds));
            report.add(partition(mesh, links, entries, backlog, partitionSeconds));
        } finally {
            for (TcpProxy link : links.values()) {
                link.close();
            }
        }
        report.add("load average at end: " + Servers.loadAverage());
        System.out.println(String.join("\n", report));
    }

    /**
     * Modifies (description of a random user) from {@code threads} connections spread over
     * {@code targets} for {@code seconds}; with a mesh, also how long after the load all its servers
     * hold the same content.
     */
    private static String throughput(
            String label,
            List<Servers.Server> targets,
            int entries,
            int threads,
            int seconds,
            List<Servers.Server> mesh)
            throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Servers.Server target = targets.get(t % targets.size());
            Thread w = new Thread(() -> {
                try (LDAPConnection c = target.admin()) {
                    while (!stop.get()) {
                        int user = 1 + ThreadLocalRandom.current().nextInt(entries);
                        c.modify(
                                "uid=user." + user + "," + PEOPLE,
                                new Modification(ModificationType.REPLACE, "description", "load " + System.nanoTime()));
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            w.start();
            workers.add(w);
        }
        Thread.sleep(2000); // warm-up
        long start = done.get();
        Thread.sleep(seconds * 1000L);
        long writes = done.get() - start;
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(label + ": " + failures.getFirst(), failures.getFirst());
        }
        String line = String.format(Locale.ROOT, "throughput %-32s %7.0f modifies/s", label, writes / (double) seconds);
        if (mesh != null) {
            long t = System.nanoTime();
            awaitEqualDigests(mesh, 600);
            line += String.format(
                    Locale.ROOT, "; all three equal %.1f s after the load", (System.nanoTime() - t) / 1e9);
        }
        return line;
    }

    /**
     * Cuts server 3 off from 1 and 2, writes {@code backlog} modifies over {@code seconds} (two thirds on
     * server 1, a third on server 3, at an even pace), heals the links and times until all three hold
     * equal content digests.
     */
    private static String partition(
            List<Servers.Server> mesh, Map<String, TcpProxy> links, int entries, int backlog, int seconds)
            throws Exception {
        for (var e : links.entrySet()) {
            if (e.getKey().contains("3")) {
                e.getValue().mode(TcpProxy.Mode.BLACKHOLE);
            }
        }
        long began = System.nanoTime();
        long period = seconds * 1_000_000_000L / backlog;
        int[] written = new int[2];
        try (LDAPConnection one = mesh.get(0).admin();
                LDAPConnection three = mesh.get(2).admin()) {
            long next = System.nanoTime();
            for (int i = 0; i < backlog; i++) {
                long now = System.nanoTime();
                if (now < next) {
                    Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
                }
                boolean onThree = i % 3 == 2;
                int user = 1 + ThreadLocalRandom.current().nextInt(entries);
                (onThree ? three : one)
                        .modify(
                                "uid=user." + user + "," + PEOPLE,
                                new Modification(
                                        ModificationType.REPLACE, onThree ? "title" : "description", "cut " + i));
                written[onThree ? 1 : 0]++;
                next += period;
            }
        }
        long cut = System.nanoTime();
        for (TcpProxy link : links.values()) {
            link.mode(TcpProxy.Mode.RESET);
        }
        long healed = System.nanoTime();
        awaitEqualDigests(mesh, 900);
        return String.format(
                Locale.ROOT,
                "partition: server 3 cut off %.0f s while %d changes were written (%d on 1,"
                        + " %d on 3); all three equal %.1f s after healing",
                (cut - began) / 1e9,
                backlog,
                written[0],
                written[1],
                (System.nanoTime() - healed) / 1e9);
    }

    /** Waits until every server of the mesh gives the same content digest. */
    private static void awaitEqualDigests(List<Servers.Server> mesh, int maxSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + maxSeconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            java.util.Set<String> digests = new HashSet<>();
            for (Servers.Server s : mesh) {
                try (LDAPConnection c = s.admin()) {
                    SearchResultEntry e = c.getEntry("cn=Context 1,cn=Replication,cn=Monitor", "monitoredInfo");
                    digests.add(e == null ? "none " + s : String.join(" ", e.getAttributeValues("monitoredInfo")));
                }
            }
            if (digests.size() == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the mesh's digests differ after " + maxSeconds + " s");
    }
}
