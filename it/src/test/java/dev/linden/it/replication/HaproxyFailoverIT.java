package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.linden.testkit.TcpProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/replication.md's "Failover for clients": three writable Linden servers in a full mesh behind
 * a real HAProxy, both configured from the guide's blocks. Client threads write through HAProxy
 * while the server it sends them to is killed with SIGKILL, the load goes on on the survivors, the
 * server is restarted; then a second round kills another. Just before each kill the server's
 * outgoing replication is held back (its link cut, then reset), so that it dies holding acknowledged
 * writes nobody else has: they must reach the others from its store once it is back. At the end
 * every acknowledged write is on all three servers, which hold identical exports; the only failed
 * requests were those cut by a kill, at most one per thread and kill (binds and connections counted
 * too); HAProxy's health check marked each killed server down, and every client thread wrote again
 * on a survivor.
 */
class HaproxyFailoverIT {
    private static final String PEOPLE = "ou=people," + Mesh.BASE;
    private static final int THREADS = 4;
    private static final int OWNED = 3; // entries each thread keeps replacing the description of
    private static final int KILLS = 2;

    /** The directory: the suffix, ou=people, the replicator, and the entries each thread owns. */
    private static String directory() {
        StringBuilder sb = new StringBuilder("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                dn: ou=people,dc=example,dc=com
                objectClass: organizationalUnit
                ou: people

                """).append(Replicator.entry());
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < OWNED; k++) {
                sb.append("\ndn: uid=own-")
                        .append(t)
                        .append('-')
                        .append(k)
                        .append(',')
                        .append(PEOPLE)
                        .append("\nobjectClass: inetOrgPerson\nuid: own-")
                        .append(t)
                        .append('-')
                        .append(k)
                        .append("\ncn: Owned ")
                        .append(k)
                        .append("\nsn: T")
                        .append(t)
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static List<List<String>> owned() {
        List<List<String>> out = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<String> mine = new ArrayList<>();
            for (int k = 0; k < OWNED; k++) {
                mine.add("uid=own-" + t + "-" + k + "," + PEOPLE);
            }
            out.add(mine);
        }
        return out;
    }

    /** The guide's HAProxy block, listening on {@code port} and sending to the mesh's servers. */
    private static String haproxy(Mesh mesh, int port) throws Exception {
        String block = Guide.block("haproxy-ldap");
        assertThat(block).contains("bind :389");
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        Mesh.NAMES.forEach(n -> ports.put(n, mesh.get(n).port()));
        return Mesh.at(block.replace("bind :389", "bind 127.0.0.1:" + port), ports);
    }

    /** A kill: the server, and when it began and ended (the process gone). */
    private record Kill(String server, long start, long end) {}

    @Test
    void killingTheServerHaproxySendsClientsToLosesNoAcknowledgedWrite(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception { // logs and stores kept on failure
        System.out.println("HaproxyFailoverIT: in " + dir);
        try (Mesh mesh = Mesh.start(dir, directory())) {
            // picked once the mesh runs: a port chosen before its three JVMs started could be taken by then
            int front = ServerProcess.freePort();
            try (Haproxy haproxy = Haproxy.start(dir.resolve("haproxy"), haproxy(mesh, front))) {
                for (String name : Mesh.NAMES) {
                    haproxy.await(name, true, 30);
                }
                List<Kill> kills = new ArrayList<>();
                List<String> figures = new ArrayList<>();
                long lastRestart;
                WriteLoad load = new WriteLoad(front, PEOPLE, owned());
                try {
                    awaitAcknowledged(load, System.nanoTime(), 1, mesh);
                    long restarted = 0;
                    for (int round = 1; round <= KILLS; round++) {
                        String victim = haproxy.busiest();
                        ServerProcess server = mesh.get(victim);
                        int sessions = haproxy.servers().get(victim).sessions();
                        mesh.linksFrom(victim)
                                .forEach(l -> l.mode(TcpProxy.Mode.BLACKHOLE)); // its changes stop reaching the others
                        awaitAcknowledged(load, System.nanoTime(), 2, mesh); // an add and a modify by each thread
                        long start = System.nanoTime();
                        server.kill();
                        Kill kill = new Kill(victim, start, System.nanoTime());
                        kills.add(kill);
                        long down = haproxy.await(victim, false, 15) + ms(kill.end() - kill.start());
                        awaitAcknowledged(load, kill.end(), 1, mesh); // every thread writes again, on a survivor
                        Thread.sleep(1500); // the load goes on on the survivors
                        Set<String> held = heldOnlyBy(victim, mesh, load.acknowledgedAdds(kill.start()));
                        assertThat(held)
                                .as("acknowledged adds only " + victim + " held when it was killed")
                                .hasSizeGreaterThanOrEqualTo(THREADS);
                        mesh.linksFrom(victim)
                                .forEach(l ->
                                        l.mode(TcpProxy.Mode.RESET)); // what the link held is dropped, not delivered
                        long t = System.nanoTime();
                        server.restart();
                        restarted = System.nanoTime();
                        long up = haproxy.await(victim, true, 30);
                        Set<String> missed = load.acknowledgedAdds(t);
                        missed.removeAll(load.acknowledgedAdds(kill.end()));
                        assertThat(missed)
                                .as("adds the survivors acknowledged while " + victim + " was down")
                                .isNotEmpty();
                        long caughtUp = awaitCaughtUp(victim, mesh, missed) + up;
                        long delivered = awaitDelivered(victim, mesh, held);
                        figures.add(
                                "round %d: killed %s (holding %d client sessions); marked down %d ms after the kill; "
                                                .formatted(round, victim, sessions, down)
                                        + "%d acknowledged adds held only by it; answering %d ms after restart, marked up %d ms "
                                                .formatted(held.size(), ms(restarted - t), up)
                                        + "later; it held the %d adds made while it was down %d ms after it answered, "
                                                .formatted(missed.size(), caughtUp)
                                        + "its own held adds were on both survivors %d ms after that"
                                                .formatted(delivered));
                        if (round < KILLS) {
                            Thread.sleep(1000);
                        }
                    }
                    lastRestart = restarted;
                } finally {
                    load.close();
                }
                long stopped = System.nanoTime();
                TreeMap<String, String> export = mesh.awaitIdentical(90);
                long converged = System.nanoTime();
                figures.add("converged %d ms after the last restart, %d ms after the load stopped"
                        .formatted(ms(converged - lastRestart), ms(converged - stopped)));

                checkEveryAcknowledgedWriteIsEverywhere(load, export, mesh);
                List<String> failures = checkOnlyRequestsCutByAKillFailed(load, kills);
                for (Kill k : kills) {
                    assertThat(haproxy.servers().get(k.server()).downs())
                            .as("HAProxy's checks marked " + k.server() + " down")
                            .isGreaterThanOrEqualTo(1);
                }
                figures.add("%d writes, %d acknowledged, %d failed (%s), %d connections through HAProxy, %d failed"
                        .formatted(
                                load.writes().size(),
                                load.writes().size() - failures.size(),
                                failures.size(),
                                String.join("; ", failures),
                                load.connects(),
                                load.failedConnects()));
                figures.forEach(f -> System.out.println("HaproxyFailoverIT: " + f));
            }
        }
    }

    /** Waits until every thread has had {@code count} writes sent after {@code since} acknowledged. */
    private static void awaitAcknowledged(WriteLoad load, long since, int count, Mesh mesh) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        for (int t = 0; t < load.threads(); t++) {
            while (load.acknowledged(t, since, Long.MAX_VALUE) < count) {
                assertThat(System.currentTimeMillis())
                        .as("client thread " + t + " writes through HAProxy" + mesh.logs())
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    /** Those of {@code adds} that some survivor lacks: writes only the killed server had. */
    private static Set<String> heldOnlyBy(String victim, Mesh mesh, Set<String> adds) throws Exception {
        Set<String> missing = new HashSet<>();
        for (String name : Mesh.NAMES) {
            if (!name.equals(victim)) {
                missing.addAll(lacking(name, mesh, adds));
            }
        }
        return missing;
    }

    /** Those of {@code adds} that server {@code name} does not hold. */
    private static Set<String> lacking(String name, Mesh mesh, Set<String> adds) throws Exception {
        Set<String> lacking = new HashSet<>(adds);
        try (LDAPConnection c = mesh.get(name).admin()) {
            for (SearchResultEntry e : c.search(
                            PEOPLE, com.unboundid.ldap.sdk.SearchScope.ONE, "(objectClass=*)", "1.1")
                    .getSearchEntries()) {
                lacking.remove(e.getDN().toLowerCase());
            }
        }
        return lacking;
    }

    /**
     * Waits until the restarted {@code victim} holds {@code adds}, the survivors' writes of while it was
     * down; returns how long that took, in ms: how long it answers with older data.
     */
    private static long awaitCaughtUp(String victim, Mesh mesh, Set<String> adds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        Set<String> missing = adds;
        while (System.nanoTime() < deadline) {
            missing = lacking(victim, mesh, adds);
            if (missing.isEmpty()) {
                return ms(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the restarted " + victim + " never received the survivors' writes: " + missing + mesh.logs());
    }

    /** Waits until both survivors hold every write of {@code held}; returns how long that took, in ms. */
    private static long awaitDelivered(String victim, Mesh mesh, Set<String> held) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        Set<String> missing = held;
        while (System.nanoTime() < deadline) {
            missing = heldOnlyBy(victim, mesh, held);
            if (missing.isEmpty()) {
                return ms(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the writes only " + victim + " held never reached the others after its restart: "
                + missing + "; of these, " + victim + " itself lacks " + lacking(victim, mesh, missing) + mesh.logs());
    }

    private static void checkEveryAcknowledgedWriteIsEverywhere(
            WriteLoad load, TreeMap<String, String> export, Mesh mesh) throws Exception {
        Set<String> dns = new HashSet<>();
        export.values().forEach(e -> dns.add(e.substring(0, e.indexOf('\n'))));
        Set<String> acknowledged = load.acknowledgedAdds(Long.MAX_VALUE);
        assertThat(acknowledged).as("acknowledged adds").isNotEmpty();
        assertThat(dns).as("the entries every server holds").containsAll(acknowledged);
        for (var e : load.possibleDescriptions().entrySet()) {
            for (String name : Mesh.NAMES) {
                try (LDAPConnection c = mesh.get(name).admin()) {
                    String now = c.getEntry(e.getKey(), "description").getAttributeValue("description");
                    assertThat(e.getValue())
                            .as(e.getKey() + " on " + name
                                    + ": its last acknowledged description, or one cut by a kill after it")
                            .contains(now);
                }
            }
        }
    }

    /**
     * Every failed request failed because its connection went down, on a connection opened before a
     * kill, after that kill began; at most one per thread and kill. Returns them described.
     */
    private static List<String> checkOnlyRequestsCutByAKillFailed(WriteLoad load, List<Kill> kills) {
        List<String> described = new ArrayList<>();
        Set<String> threadAndKill = new HashSet<>();
        for (WriteLoad.Write w : load.failures()) {
            String what = "thread " + w.thread() + " " + (w.add() ? "add " : "modify ") + w.dn() + ": " + w.result();
            assertThat(w.result()).as(what).isEqualTo(ResultCode.SERVER_DOWN);
            Kill kill = kills.stream()
                    .filter(k -> k.start() <= w.endedAt())
                    .reduce((a, b) -> b)
                    .orElse(null);
            assertThat(kill).as(what + ", failed before any kill").isNotNull();
            assertThat(w.connectedAt())
                    .as(what + ", on a connection opened after the kill of " + kill.server())
                    .isLessThan(kill.start());
            assertThat(threadAndKill.add(w.thread() + "/" + kill.server() + kill.start()))
                    .as(what + ": a second failure of this thread at the kill of " + kill.server())
                    .isTrue();
            described.add("thread " + w.thread() + " at the kill of " + kill.server() + " "
                    + ms(w.endedAt() - kill.start()) + " ms after it");
        }
        assertThat(described.size() + load.failedConnects())
                .as("failed requests, binds and connections " + described)
                .isLessThanOrEqualTo(THREADS * KILLS);
        return described;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
