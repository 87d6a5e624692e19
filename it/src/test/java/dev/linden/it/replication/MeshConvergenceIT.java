package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TcpProxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mesh of docs/replication.md, three writable servers in their own processes, written to at
 * random on all three at once — adds, deletes, value adds and deletes, replaces, renames, moves of
 * entries and of OUs, group edits — while links are cut one way or both, servers are cut off,
 * killed with SIGKILL and restarted; after each round every link is healed and every server runs
 * again, and all three must end with identical exports and equal content digests in cn=Monitor.
 *
 * <p>The seed chooses every operation and event; the timing of the network does not repeat exactly,
 * so a failing seed reproduces the same story, not always the same interleaving. It is in the test's
 * name and in every failure message: {@code -Dmesh.it.seeds=7 -Dmesh.it.rounds=5}. {@code bin/test}
 * runs a short set; {@code bench/mesh-convergence} many.
 */
class MeshConvergenceIT {
    private static final String BASE = Mesh.BASE;
    private static final List<String> OUS = List.of("a", "b", "c");
    /** What a write may get from a server in this game: a name taken, an entry gone, a server down. */
    private static final Set<ResultCode> EXPECTED = Set.of(
            ResultCode.NO_SUCH_OBJECT,
            ResultCode.ENTRY_ALREADY_EXISTS,
            ResultCode.NOT_ALLOWED_ON_NONLEAF,
            ResultCode.UNWILLING_TO_PERFORM,
            ResultCode.NO_SUCH_ATTRIBUTE,
            ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
            ResultCode.SERVER_DOWN,
            ResultCode.CONNECT_ERROR,
            ResultCode.OBJECT_CLASS_VIOLATION,
            ResultCode.NOT_ALLOWED_ON_RDN);

    static List<Long> seeds() {
        String given = System.getProperty("mesh.it.seeds", "1");
        List<Long> out = new ArrayList<>();
        for (String part : given.split(",")) {
            String p = part.trim();
            if (p.contains("..")) { // a range, 1..20
                long from = Long.parseLong(p.substring(0, p.indexOf("..")));
                long to = Long.parseLong(p.substring(p.indexOf("..") + 2));
                for (long s = from; s <= to; s++) {
                    out.add(s);
                }
            } else if (!p.isEmpty()) {
                out.add(Long.parseLong(p));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void threeWritableServersConvergeThroughPartitionsAndRestarts(long seed, @TempDir Path dir) throws Exception {
        int rounds = Integer.getInteger("mesh.it.rounds", 3);
        Random random = new Random(seed);
        try (Mesh mesh = Mesh.start(dir, directory())) {
            Map<String, LDAPConnection> conns = new HashMap<>();
            Set<String> down = new HashSet<>();
            List<String> unexpected = new ArrayList<>();
            try {
                for (int round = 1; round <= rounds; round++) {
                    String story = "seed " + seed + " round " + round;
                    List<String> events = new ArrayList<>();
                    for (int phase = 0; phase < 4; phase++) {
                        event(mesh, random, down, conns, events);
                        for (int step = 0; step < 25; step++) {
                            String name = Mesh.NAMES.get(random.nextInt(3));
                            if (!down.contains(name)) {
                                write(mesh, name, conns, random, unexpected);
                            }
                        }
                    }
                    mesh.heal();
                    for (String name : List.copyOf(down)) {
                        mesh.get(name).restart();
                        down.remove(name);
                    }
                    events.add("healed");
                    long start = System.nanoTime();
                    TreeMap<String, String> export;
                    try {
                        export = mesh.awaitIdentical(120);
                    } catch (AssertionError e) {
                        throw new AssertionError(
                                story + " (" + String.join(", ", events) + "): " + e.getMessage() + mesh.logs(), e);
                    }
                    System.out.printf(
                            "mesh convergence %s: %d entries identical %d ms after healing (%s)%n",
                            story, export.size(), (System.nanoTime() - start) / 1_000_000, String.join(", ", events));
                    Map<String, String> digests = new HashMap<>();
                    for (String name : Mesh.NAMES) {
                        try (LDAPConnection c = mesh.get(name).admin()) {
                            digests.put(name, digest(c));
                        }
                    }
                    assertThat(new HashSet<>(digests.values()))
                            .as(story + ": content digests " + digests)
                            .hasSize(1);
                    assertThat(digests.get("ldap1")).as(story).contains("entries=" + export.size() + " ");
                    assertThat(unexpected)
                            .as(story + ": answers no write should get")
                            .isEmpty();
                }
            } finally {
                conns.values().forEach(LDAPConnection::close);
            }
        }
    }

    /** Maybe cuts, kills or restores something, as the seed says. */
    private static void event(
            Mesh mesh, Random random, Set<String> down, Map<String, LDAPConnection> conns, List<String> events)
            throws Exception {
        String name = Mesh.NAMES.get(random.nextInt(3));
        switch (random.nextInt(6)) {
            case 0 -> {
                mesh.isolate(name, TcpProxy.Mode.BLACKHOLE);
                events.add(name + " cut off");
            }
            case 1 -> {
                String other = Mesh.NAMES.get((Mesh.NAMES.indexOf(name) + 1 + random.nextInt(2)) % 3);
                mesh.link(name, other).mode(TcpProxy.Mode.BLACKHOLE);
                events.add(name + "→" + other + " cut");
            }
            case 2 -> {
                if (down.isEmpty()) { // one server down at a time: the restart takes a while
                    mesh.get(name).kill();
                    down.add(name);
                    close(conns.remove(name));
                    events.add(name + " killed");
                }
            }
            case 3 -> {
                mesh.heal();
                events.add("links healed");
            }
            default -> {}
        }
    }

    /** One random write on server {@code name}, as the seed says; refusals of the game are expected. */
    private static void write(
            Mesh mesh, String name, Map<String, LDAPConnection> conns, Random random, List<String> unexpected)
            throws Exception {
        int kind = random.nextInt(10);
        int a = random.nextInt(30);
        int b = random.nextInt(6);
        String ou = "ou=" + OUS.get(random.nextInt(3)) + "," + BASE;
        boolean flip = random.nextBoolean();
        int pick = random.nextInt(1000);
        try {
            LDAPConnection c = conns.get(name);
            if (c == null || !c.isConnected()) {
                c = mesh.get(name).admin();
                conns.put(name, c);
            }
            List<String> people = new ArrayList<>();
            List<String> units = new ArrayList<>();
            for (SearchResultEntry e :
                    c.search(BASE, SearchScope.SUB, "(|(uid=u*)(ou=o*))", "1.1").getSearchEntries()) {
                (e.getDN().startsWith("uid=") ? people : units).add(e.getDN());
            }
            List<String> all = new ArrayList<>(people);
            all.addAll(units);
            String any = all.isEmpty() ? "uid=none," + ou : all.get(pick % all.size());
            String person = people.isEmpty() ? "uid=none," + ou : people.get(pick % people.size());
            String parent = units.isEmpty() || flip ? ou : units.get(pick % units.size());
            switch (kind) {
                case 0, 1 ->
                    c.add(
                            "dn: uid=u" + a + "," + parent,
                            "objectClass: inetOrgPerson",
                            "uid: u" + a,
                            "cn: u" + a,
                            "sn: s",
                            "mail: u" + a + "@x");
                case 2 ->
                    c.add("dn: ou=o" + b + "," + (flip ? ou : parent), "objectClass: organizationalUnit", "ou: o" + b);
                case 3 -> c.delete(any);
                case 4 ->
                    c.modify(
                            any,
                            new Modification(
                                    flip ? ModificationType.ADD : ModificationType.DELETE, "description", "v" + b));
                case 5 ->
                    c.modify(
                            person,
                            new Modification(ModificationType.REPLACE, flip ? "description" : "title", "r" + b));
                case 6 -> {
                    if (any.startsWith("uid=")) {
                        c.modifyDN(any, "uid=u" + a, true, flip ? null : parent);
                    } else {
                        c.modifyDN(any, any.substring(0, any.indexOf(',')), true, flip ? BASE : ou);
                    }
                }
                case 7 ->
                    c.modify(
                            "cn=g," + BASE,
                            new Modification(flip ? ModificationType.ADD : ModificationType.DELETE, "member", person));
                case 8 -> c.modify(person, new Modification(ModificationType.REPLACE, "displayName", "d" + b));
                default -> c.modify(person, new Modification(ModificationType.DELETE, "description"));
            }
        } catch (LDAPException e) {
            if (!EXPECTED.contains(e.getResultCode())) {
                unexpected.add(name + " write " + kind + ": " + e.getResultCode() + " " + e.getMessage());
            }
            if (e.getResultCode() == ResultCode.SERVER_DOWN) {
                close(conns.remove(name));
            }
        }
    }

    /** "entries=N digest=X" of the naming context, from cn=Monitor. */
    private static String digest(LDAPConnection c) throws LDAPException {
        SearchResultEntry e = c.getEntry("cn=Context 1,cn=Replication,cn=Monitor", "monitoredInfo");
        assertThat(e).as("the naming context's digest entry").isNotNull();
        StringBuilder sb = new StringBuilder();
        for (String v : e.getAttributeValues("monitoredInfo")) {
            if (v.startsWith("entries=") || v.startsWith("digest=")) {
                sb.append(v).append(' ');
            }
        }
        return sb.toString();
    }

    private static void close(LDAPConnection c) {
        if (c != null) {
            c.close();
        }
    }

    /** The suffix, three OUs, a group, the replicator. */
    private static String directory() {
        StringBuilder sb = new StringBuilder("""
                dn: dc=example,dc=com
                objectClass: domain
                dc: example

                dn: cn=g,dc=example,dc=com
                objectClass: groupOfNames
                cn: g
                member: dc=example,dc=com

                """);
        for (String ou : OUS) {
            sb.append("dn: ou=")
                    .append(ou)
                    .append(",dc=example,dc=com\nobjectClass: organizationalUnit\nou: ")
                    .append(ou)
                    .append("\n\n");
        }
        return sb.append(Replicator.entry()).toString();
    }
}
