package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.linden.testkit.TcpProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/replication.md's "Adding a server to a mesh", run as printed on the three-server mesh of the
 * guide while clients write on ldap1 and ldap3: ldap4 is configured from the guide's block, given
 * the directory from an export of the running ldap1 or from a refresh, started, then added as a
 * source to the three, restarted one at a time. Then clients write on ldap4 too. At the end the four
 * hold identical exports, with every acknowledged write; ldap4 merges by attribute like the others.
 */
class MeshJoinIT {
    private static final String BASE = Mesh.BASE;
    private static final List<String> LOADS = List.of("ldap1", "ldap3", "ldap4"); // where clients write
    private static final int OWNED = 3;

    @Test
    void aFourthServerJoinsFromAnExportOfARunningMember(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        join(dir, true);
    }

    @Test
    void aFourthServerJoinsFromARefresh(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        join(dir, false);
    }

    private void join(Path dir, boolean fromExport) throws Exception {
        System.out.println("MeshJoinIT: in " + dir);
        try (Mesh mesh = Mesh.start(dir, directory())) {
            Map<String, WriteLoad> loads = new HashMap<>();
            try {
                for (String name : List.of("ldap1", "ldap3")) {
                    loads.put(name, load(mesh.get(name)));
                }
                awaitWrites(loads.values(), 10);
                ServerProcess ldap4 = mesh.add("ldap4", dir.resolve("ldap4"), Guide.block("linden-mesh-ldap4"));
                if (fromExport) {
                    runAsPrinted(Guide.block("mesh-join-export"), List.of(mesh.get("ldap1"), ldap4), dir);
                }
                long t = System.nanoTime();
                ldap4.restart();
                List<String> sources = Mesh.awaitPersisting(ldap4, 3);
                System.out.printf(
                        "MeshJoinIT (%s): ldap4 persisting from the three %d ms after its start: %s%n",
                        fromExport ? "export" : "refresh", (System.nanoTime() - t) / 1_000_000, sources);
                for (String name : Mesh.NAMES) { // one at a time: the two others take writes meanwhile
                    ServerProcess s = mesh.get(name);
                    s.reconfigure(
                            mesh.addresses(Guide.block("linden-mesh-" + name) + Guide.block("linden-mesh-source-ldap4"))
                                    + Mesh.accessRules());
                    long r = System.nanoTime();
                    s.close();
                    long stopped = System.nanoTime();
                    s.restart();
                    Mesh.awaitPersisting(s, 3);
                    System.out.printf(
                            "MeshJoinIT: %s stopped in %d ms, persisting again %d ms later%n",
                            name, (stopped - r) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000);
                }
                loads.put("ldap4", load(ldap4));
                awaitWrites(loads.values(), 10);
            } finally {
                for (WriteLoad l : loads.values()) {
                    l.close();
                }
            }
            TreeMap<String, String> export = mesh.awaitIdentical(60);
            for (var e : loads.entrySet()) {
                assertHeld(e.getKey(), e.getValue(), export);
            }
            concurrentAttributesSurvive(mesh);
        }
    }

    /** The directory: the suffix, the replicator, and a branch per server clients write on, with the entries they own. */
    private static String directory() {
        StringBuilder sb = new StringBuilder("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                """).append(Replicator.entry());
        for (String name : LOADS) {
            sb.append("\ndn: ou=")
                    .append(name)
                    .append(',')
                    .append(BASE)
                    .append("\nobjectClass: organizationalUnit\nou: ")
                    .append(name)
                    .append('\n');
            for (String dn : owned(name)) {
                String uid = dn.substring(4, dn.indexOf(','));
                sb.append("\ndn: ")
                        .append(dn)
                        .append("\nobjectClass: inetOrgPerson\nuid: ")
                        .append(uid)
                        .append("\ncn: ")
                        .append(uid)
                        .append("\nsn: Owned\n");
            }
        }
        return sb.toString();
    }

    private static List<String> owned(String name) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < OWNED; k++) {
            out.add("uid=own-" + name + "-" + k + ",ou=" + name + "," + BASE);
        }
        return out;
    }

    /** A light load: one client adding entries and replacing the descriptions of its own, 20 writes a second. */
    private static WriteLoad load(ServerProcess server) {
        String name = server.config().getParent().getFileName().toString();
        return new WriteLoad(server.port(), "ou=" + name + "," + BASE, List.of(owned(name)), 50);
    }

    /** The guide's command lines (export on the first server, import on the second), with their files here. */
    private static void runAsPrinted(String block, List<ServerProcess> on, Path dir) {
        List<String> lines = block.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(on.size());
        for (int i = 0; i < lines.size(); i++) {
            String command = lines.get(i).replaceAll("#.*", "").strip();
            List<String> words = new ArrayList<>(Arrays.asList(command.split("\\s+")));
            assertThat(words.removeFirst()).isEqualTo("linden");
            Path config = on.get(i).config();
            words.replaceAll(w -> w.equals("linden.yaml")
                    ? config.toString()
                    : w.endsWith(".ldif") ? dir.resolve(w).toString() : w);
            assertThat(dev.linden.cli.Main.run(words.toArray(String[]::new)))
                    .as(command)
                    .isZero();
        }
    }

    /** Waits until each client has had {@code n} more writes acknowledged. */
    private static void awaitWrites(java.util.Collection<WriteLoad> loads, int n) throws Exception {
        long from = System.nanoTime();
        long deadline = System.currentTimeMillis() + 30_000;
        while (loads.stream().anyMatch(l -> l.acknowledged(0, from, System.nanoTime()) < n)) {
            assertThat(System.currentTimeMillis()).as("the clients write").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Every add a client had acknowledged is in the export, and each owned entry has a description it may end with. */
    private static void assertHeld(String server, WriteLoad load, TreeMap<String, String> export) {
        Map<String, String> byDn = new HashMap<>();
        export.values().forEach(v -> byDn.put(v.substring(0, v.indexOf('\n')), v));
        Set<String> adds = load.acknowledgedAdds(Long.MAX_VALUE);
        assertThat(adds).as("adds acknowledged by " + server).isNotEmpty();
        assertThat(byDn.keySet()).as("adds acknowledged by " + server).containsAll(adds);
        load.possibleDescriptions().forEach((dn, possible) -> {
            String entry = byDn.get(dn.toLowerCase());
            String description = entry.lines()
                    .filter(l -> l.startsWith("description: "))
                    .map(l -> l.substring(13))
                    .findFirst()
                    .orElse(null);
            assertThat(possible).as(dn + " on every server").contains(description);
        });
    }

    /**
     * With its links and ldap1's cut, ldap4 and ldap1 change different attributes of one entry; once
     * they are healed, both changes are on the four servers.
     */
    private static void concurrentAttributesSurvive(Mesh mesh) throws Exception {
        String dn = owned("ldap4").get(0);
        mesh.link("ldap1").mode(TcpProxy.Mode.BLACKHOLE);
        mesh.link("ldap4").mode(TcpProxy.Mode.BLACKHOLE);
        try (LDAPConnection c4 = mesh.get("ldap4").admin();
                LDAPConnection c1 = mesh.get("ldap1").admin()) {
            c4.modify(dn, new Modification(ModificationType.REPLACE, "title", "from-ldap4"));
            c1.modify(dn, new Modification(ModificationType.REPLACE, "roomNumber", "from-ldap1"));
        }
        mesh.link("ldap1").mode(TcpProxy.Mode.FORWARD);
        mesh.link("ldap4").mode(TcpProxy.Mode.FORWARD);
        mesh.awaitIdentical(30);
        try (LDAPConnection c = mesh.get("ldap2").admin()) {
            SearchResultEntry e = c.getEntry(dn, "title", "roomNumber");
            assertThat(e.getAttributeValue("title")).as("ldap4's change").isEqualTo("from-ldap4");
            assertThat(e.getAttributeValue("roomNumber")).as("ldap1's change").isEqualTo("from-ldap1");
        }
    }
}
