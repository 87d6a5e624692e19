package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Writes on the three servers of a {@link MixedMesh} at once, one client each: adds of entries of its
 * own, a few deletes and renames of them, and changes to its own attribute of a shared entry, which
 * the others change at the same moment in attributes of theirs. Every write must be acknowledged (no server is
 * stopped); what was written is kept to check the servers against.
 */
final class MixedLoad {
    static final int SHARED = 6;
    /** The attribute of the shared entries each server's client changes. */
    static final Map<String, String> ATTRIBUTE =
            Map.of("ldap1", "description", "ldap2", "roomNumber", MixedMesh.SLAPD, "title");

    private final Set<String> added = ConcurrentHashMap.newKeySet();
    private int rounds;
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** "dn attribute" → every value written to it. */
    private final Map<String, Set<String>> written = new ConcurrentHashMap<>();

    static String shared(int i) {
        return "uid=shared-" + i + ",ou=people," + MixedMesh.BASE;
    }

    /** Runs {@code rounds} rounds on each server at once and returns when all are acknowledged. */
    static MixedLoad run(MixedMesh mesh, int rounds) throws Exception {
        MixedLoad load = new MixedLoad();
        load.rounds = rounds;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier together = new CyclicBarrier(MixedMesh.NAMES.size());
        for (String server : MixedMesh.NAMES) {
            Thread t = new Thread(
                    () -> {
                        try (LDAPConnection c = mesh.admin(server)) {
                            load.write(c, server, rounds, together);
                        } catch (Throwable e) {
                            failures.add(new AssertionError(server + ": " + e, e));
                        }
                    },
                    "mixed-load-" + server);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertThat(failures).as("every write acknowledged").isEmpty();
        return load;
    }

    private void write(LDAPConnection c, String server, int rounds, CyclicBarrier together) throws Exception {
        String attr = ATTRIBUTE.get(server);
        for (int i = 0; i < rounds; i++) {
            String dn = own(server, i);
            c.add(
                    dn,
                    new Attribute("objectClass", "inetOrgPerson"),
                    new Attribute("uid", server + "-" + i),
                    new Attribute("cn", server + " " + i),
                    new Attribute("sn", server));
            added.add(dn.toLowerCase());
            String value = server + "-" + i;
            together.await(30, TimeUnit.SECONDS); // the three change one shared entry at the same moment
            c.modify(shared(i % SHARED), new Modification(ModificationType.REPLACE, attr, value));
            written.computeIfAbsent(shared(i % SHARED).toLowerCase() + " " + attr, k -> ConcurrentHashMap.newKeySet())
                    .add(value);
            if (i % 5 == 4) {
                c.delete(own(server, i - 2));
                deleted.add(own(server, i - 2).toLowerCase());
            }
            if (i % 10 == 7) {
                String renamed = "uid=" + server + "-" + (i - 1) + "-renamed";
                c.modifyDN(own(server, i - 1), renamed, true);
                deleted.add(own(server, i - 1).toLowerCase()); // gone under its old name
                added.add((renamed + ",ou=people," + MixedMesh.BASE).toLowerCase());
            }
            Thread.sleep(10);
        }
    }

    /** Adds, changes, deletes and renames each server's client made. */
    int writesPerServer() {
        return rounds * 2 + rounds / 5 + (rounds + 2) / 10;
    }

    private static String own(String server, int i) {
        return "uid=" + server + "-" + i + ",ou=people," + MixedMesh.BASE;
    }

    /** An export without the shared entries. */
    static TreeMap<String, String> withoutShared(TreeMap<String, String> export) {
        TreeMap<String, String> out = new TreeMap<>(export);
        out.values().removeIf(v -> v.startsWith("uid=shared-"));
        return out;
    }

    /** Every acknowledged add is in the export, unless it was deleted, and no deleted entry is. */
    void assertHeld(TreeMap<String, String> export) {
        Set<String> dns = new HashSet<>();
        export.values().forEach(v -> dns.add(v.substring(0, v.indexOf('\n'))));
        for (String dn : added) {
            boolean gone = deleted.contains(dn);
            assertThat(dns.contains(dn)).as(dn + (gone ? " deleted" : " added")).isEqualTo(!gone);
        }
    }

    /**
     * What holds for the shared entries once the mesh is quiet: one entryCSN on the three servers, and
     * each attribute a value that was written to it (or none). Returns how many differ between servers.
     */
    int assertSharedPlausible(MixedMesh mesh) throws LDAPException {
        int differing = 0;
        for (int i = 0; i < SHARED; i++) {
            Set<String> csns = new HashSet<>();
            Set<String> versions = new HashSet<>();
            for (String server : MixedMesh.NAMES) {
                try (LDAPConnection c = mesh.admin(server)) {
                    SearchResultEntry e = c.getEntry(shared(i), "*", "entryCSN");
                    csns.add(e.getAttributeValue("entryCSN"));
                    StringBuilder version = new StringBuilder();
                    for (String attr : new TreeMap<>(ATTRIBUTE).values()) {
                        String v = e.getAttributeValue(attr);
                        version.append(attr).append('=').append(v).append(' ');
                        if (v != null) {
                            assertThat(written.get(shared(i).toLowerCase() + " " + attr))
                                    .as(server + " " + shared(i))
                                    .contains(v);
                        }
                    }
                    versions.add(version.toString());
                }
            }
            assertThat(csns)
                    .as(shared(i) + ": one entryCSN on the three servers")
                    .hasSize(1);
            if (versions.size() > 1) {
                differing++;
            }
        }
        return differing;
    }
}
