package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SCRAMSHA256BindRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TcpProxy;
import dev.linden.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/replication.md's "Mixed mesh with OpenLDAP": two writable Linden servers and a slapd
 * multi-provider, configured and started from the guide's blocks, each replicating from the two
 * others, and what the guide says such a mesh guarantees and does not: concurrent writes on the
 * three converge where no entry is changed on two servers at once; one entry changed on two servers
 * at once, its links healed in an order that makes the outcome certain, ends different on the three
 * (slapd's rule by whole entry on slapd, and on the Linden server that takes slapd's copy), until one
 * more change; SCRAM keys are lost where slapd's copy of a change arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixedMeshIT {
    private static final String BASE = MixedMesh.BASE;
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String ALICE = "uid=alice," + PEOPLE;
    private static final String BOB = "uid=bob," + PEOPLE;
    private static final String CAROL = "uid=carol," + PEOPLE;
    private static final String SLAPD = MixedMesh.SLAPD;

    private MixedMesh mesh;

    @BeforeAll
    void start(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception { // logs kept on failure
        System.out.println("MixedMeshIT: in " + dir);
        mesh = MixedMesh.start(dir, directory());
        awaitIdentical("the three servers after their start");
    }

    @AfterAll
    void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    /** The directory: the sample entries, both replication identities and the shared entries of the load. */
    static String directory() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var in = TestServer.class.getResourceAsStream("sample.ldif")) {
            sb.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        sb.append('\n').append(Replicator.entry()).append("""

                dn: cn=slapd-replicator,dc=example,dc=com
                objectClass: applicationProcess
                objectClass: simpleSecurityObject
                cn: slapd-replicator
                userPassword: replicator-secret
                """);
        for (int i = 0; i < MixedLoad.SHARED; i++) {
            sb.append("\ndn: ")
                    .append(MixedLoad.shared(i))
                    .append("\nobjectClass: inetOrgPerson\nuid: shared-")
                    .append(i)
                    .append("\ncn: Shared ")
                    .append(i)
                    .append("\nsn: S\n");
        }
        return sb.toString();
    }

    /**
     * What the mesh guarantees under concurrent writes on all three: every acknowledged add and
     * delete, and every entry only one server changed, end identical on all three. Entries two
     * servers changed at once (here each server writes its own attribute of the shared entries)
     * end with the same entryCSN everywhere, but not necessarily the same attributes: slapd keeps
     * the newest whole entry, and hands its copy on. One more change to such an entry, once the
     * mesh is quiet, makes all three identical again.
     */
    @Test
    @Order(1)
    void concurrentWritesOnAllThreeConvergeWhereNoEntryIsWrittenOnTwoAtOnce() throws Exception {
        long t = System.nanoTime();
        MixedLoad load = MixedLoad.run(mesh, 30);
        long written = System.nanoTime();
        awaitSettled();
        Map<String, TreeMap<String, String>> quiet = mesh.exports();
        System.out.printf(
                "MixedMeshIT: %d writes on each server in %d ms, everything everywhere %d ms later%n",
                load.writesPerServer(), (written - t) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
        TreeMap<String, String> first = quiet.get("ldap1");
        for (String name : MixedMesh.NAMES) {
            assertThat(MixedLoad.withoutShared(quiet.get(name)))
                    .as(name + ": the entries no two servers wrote at once")
                    .isEqualTo(MixedLoad.withoutShared(first));
        }
        load.assertHeld(first);
        int differing = load.assertSharedPlausible(mesh);
        System.out.println("MixedMeshIT: shared entries that differ between servers once quiet: " + differing + " of "
                + MixedLoad.SHARED);
        try (LDAPConnection c = mesh.admin("ldap1")) { // one more change to each, on any server
            for (int i = 0; i < MixedLoad.SHARED; i++) {
                c.modify(MixedLoad.shared(i), new Modification(ModificationType.REPLACE, "description", "settled"));
            }
        }
        awaitIdentical("every entry after one more change to each shared entry");
    }

    /**
     * slapd against Linden on one entry, different attributes, with the links healed in an order
     * that makes the outcome certain: slapd keeps the newer entry whole, losing its own change; the
     * Linden server that merges slapd's change keeps both; the other Linden server receives slapd's
     * copy, newer as a whole, and keeps what slapd kept. The three end different, at one entryCSN.
     */
    @Test
    @Order(2)
    void changesOnSlapdAndOnLindenToOneEntrySurviveTogetherOnlyWhereLindenMergedThem() throws Exception {
        mesh.all(TcpProxy.Mode.BLACKHOLE);
        replace(SLAPD, ALICE, "title", "from-slapd");
        Thread.sleep(20); // a later CSN on ldap1
        replace("ldap1", ALICE, "description", "from-ldap1");

        heal(SLAPD, "ldap1");
        await(() -> "from-ldap1".equals(value(SLAPD, ALICE, "description")), "slapd receives ldap1's change");
        assertThat(value(SLAPD, ALICE, "title"))
                .as("slapd keeps the newer entry whole: its own change is lost")
                .isNull();
        heal("ldap1", SLAPD);
        await(() -> "from-slapd".equals(value("ldap1", ALICE, "title")), "ldap1 receives slapd's change");
        assertThat(value("ldap1", ALICE, "description"))
                .as("ldap1 merges by attribute: both changes")
                .isEqualTo("from-ldap1");
        awaitSent("ldap1");
        heal("ldap2", "ldap1");
        await(() -> "from-slapd".equals(value("ldap2", ALICE, "title")), "ldap2 receives ldap1's merged entry");
        awaitSent("ldap2");
        heal("ldap2", SLAPD);
        await(() -> value("ldap2", ALICE, "title") == null, "ldap2 receives slapd's copy of ldap1's change");
        mesh.all(TcpProxy.Mode.FORWARD);
        awaitSettled();

        Map<String, String> titles = valueOn(ALICE, "title");
        assertThat(titles)
                .as("slapd's change survives on the server that merged it, only there")
                .isEqualTo(Map.of("ldap1", "from-slapd", "ldap2", "-", "ldap3", "-"));
        assertThat(valueOn(ALICE, "description").values()).containsOnly("from-ldap1");
        assertThat(new HashSet<>(valueOn(ALICE, "entryCSN").values()))
                .as("one entryCSN everywhere")
                .hasSize(1);
        assertThat(digest("ldap1"))
                .as("cn=Monitor's digests tell the Linden servers apart")
                .isNotEqualTo(digest("ldap2"));
        repairAndAwaitIdentical(ALICE);
        assertThat(digest("ldap1")).isEqualTo(digest("ldap2"));
    }

    /**
     * Two Linden servers changing one entry while slapd is in the mesh: slapd's whole copy of the
     * newer change reaches the other Linden server, whose own change, older, is then gone there
     * (and never reached slapd); the first Linden server merged it and keeps it.
     */
    @Test
    @Order(3)
    void twoLindenServersChangingOneEntryLoseTheOlderChangeWhereSlapdsCopyArrivesFirst() throws Exception {
        mesh.all(TcpProxy.Mode.BLACKHOLE);
        replace("ldap2", BOB, "roomNumber", "from-ldap2");
        Thread.sleep(20);
        replace("ldap1", BOB, "description", "from-ldap1");

        heal(SLAPD, "ldap1");
        await(() -> "from-ldap1".equals(value(SLAPD, BOB, "description")), "slapd receives ldap1's change");
        heal("ldap2", SLAPD);
        await(() -> "from-ldap1".equals(value("ldap2", BOB, "description")), "ldap2 receives slapd's copy");
        assertThat(value("ldap2", BOB, "roomNumber"))
                .as("slapd's copy is newer as a whole: ldap2's own change is gone")
                .isNull();
        heal("ldap1", "ldap2");
        await(() -> "from-ldap2".equals(value("ldap1", BOB, "roomNumber")), "ldap1 receives ldap2's change");
        mesh.all(TcpProxy.Mode.FORWARD);
        awaitSettled();

        assertThat(valueOn(BOB, "roomNumber"))
                .as("ldap2's change survives on ldap1 only")
                .isEqualTo(Map.of("ldap1", "from-ldap2", "ldap2", "-", "ldap3", "-"));
        assertThat(valueOn(BOB, "description").values()).containsOnly("from-ldap1");
        assertThat(new HashSet<>(valueOn(BOB, "entryCSN").values()))
                .as("one entryCSN everywhere")
                .hasSize(1);
        repairAndAwaitIdentical(BOB);
    }

    /**
     * Linden keeps SCRAM keys (authPassword) beside each password; OpenLDAP has no such attribute, so
     * slapd's copy of an entry comes without them, and a Linden server that takes that copy as the
     * entry's newer whole drops them: after a change to carol made on ldap1, her SCRAM-SHA-256 bind
     * works on ldap1 and fails on ldap2, whatever the order of arrival. Setting her password again
     * on ldap1 gives ldap2 the new keys when ldap1's change reaches it before slapd's copy (the other
     * order is {@link #aNewPasswordKeepsItsScramKeysWhenSlapdsCopyArrivesFirst}).
     */
    @Test
    @Order(4)
    void scramKeysAreLostWhereSlapdsCopyOfAChangeArrives() throws Exception {
        assertThat(scram("ldap1", "carol-password")).isEqualTo(ResultCode.SUCCESS);
        assertThat(scram("ldap2", "carol-password")).isEqualTo(ResultCode.SUCCESS);
        replace("ldap1", CAROL, "description", "changed on ldap1");
        awaitSettled();
        assertThat(scram("ldap1", "carol-password"))
                .as("on ldap1, where the change was made")
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(scram("ldap2", "carol-password"))
                .as("on ldap2, which took slapd's copy" + states(CAROL))
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(simple("ldap2", CAROL, "carol-password"))
                .as("simple binds are not affected")
                .isEqualTo(ResultCode.SUCCESS);

        mesh.link("ldap2", SLAPD).mode(TcpProxy.Mode.BLACKHOLE); // ldap1's change first, then slapd's copy
        replace("ldap1", CAROL, "userPassword", "Carol-New-Password-1");
        await(() -> hash("ldap2").equals(hash("ldap1")), "ldap2 has ldap1's change");
        heal("ldap2", SLAPD);
        awaitSettled();
        for (String server : MixedMesh.LINDENS) {
            assertThat(scram(server, "Carol-New-Password-1"))
                    .as(server + " after a new password" + states(CAROL))
                    .isEqualTo(ResultCode.SUCCESS);
        }
        assertThat(simple(SLAPD, CAROL, "Carol-New-Password-1"))
                .as("slapd checks Linden's hash")
                .isEqualTo(ResultCode.SUCCESS);

        replace(SLAPD, BOB, "userPassword", "Bob-Set-On-Slapd-1");
        awaitSettled();
        for (String server : MixedMesh.LINDENS) {
            assertThat(simple(server, BOB, "Bob-Set-On-Slapd-1"))
                    .as(server + " checks slapd's hash")
                    .isEqualTo(ResultCode.SUCCESS);
        }
    }

    /**
     * A defect, left for the replication code: when slapd's copy of a change (a whole entry, without
     * state, at the change's CSN) reaches a Linden server before the change itself, its state, the
     * entry created whole at that CSN, is taken to cover every fact of the change, and the change is
     * skipped; what slapd's copy lacks (here the new SCRAM keys) is then missing there for good. The
     * result must not depend on the order of arrival.
     */
    @Test
    @Order(5)
    @Disabled("defect in ReplicaApplier/EntryState.covers: a stateless copy at a CSN hides the change at that CSN")
    void aNewPasswordKeepsItsScramKeysWhenSlapdsCopyArrivesFirst() throws Exception {
        mesh.link("ldap2", "ldap1").mode(TcpProxy.Mode.BLACKHOLE); // slapd's copy first, then ldap1's change
        replace("ldap1", CAROL, "userPassword", "Carol-New-Password-2");
        await(() -> hash("ldap2").equals(hash("ldap1")), "ldap2 has slapd's copy");
        heal("ldap2", "ldap1");
        awaitSettled();
        assertThat(scram("ldap2", "Carol-New-Password-2"))
                .as("ldap2 after a new password" + states(CAROL))
                .isEqualTo(ResultCode.SUCCESS);
    }

    /** The entry with its SCRAM keys and change state on each Linden server, for a failure message. */
    private String states(String dn) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String server : MixedMesh.LINDENS) {
            try (LDAPConnection c = replicator(server)) {
                sb.append("\n--- ")
                        .append(server)
                        .append('\n')
                        .append(c.getEntry(dn, "*", "+", "lindenCsnState", "authPassword")
                                .toLDIFString());
            }
        }
        return sb.toString();
    }

    /** carol's password hash on a Linden server (read, so that waiting for a new one makes no failed bind). */
    private String hash(String server) throws Exception {
        try (LDAPConnection c = replicator(server)) {
            return c.getEntry(CAROL, "userPassword").getAttributeValue("userPassword");
        }
    }

    /** A Linden server as its peers read it: password hashes, SCRAM keys and change states included. */
    private LDAPConnection replicator(String server) throws LDAPException {
        return new LDAPConnection("127.0.0.1", mesh.port(server), Replicator.DN, Replicator.PASSWORD);
    }

    private ResultCode scram(String server, String password) throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", mesh.port(server))) {
            return c.bind(new SCRAMSHA256BindRequest("carol", password)).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    private ResultCode simple(String server, String dn, String password) throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", mesh.port(server))) {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    private void replace(String server, String dn, String attr, String value) throws Exception {
        try (LDAPConnection c = mesh.admin(server)) {
            c.modify(dn, new Modification(ModificationType.REPLACE, attr, value));
        }
    }

    private void heal(String consumer, String provider) {
        mesh.link(consumer, provider).mode(TcpProxy.Mode.FORWARD);
    }

    /** The attribute's value on one server, or null. */
    private String value(String server, String dn, String attr) throws Exception {
        try (LDAPConnection c = mesh.admin(server)) {
            SearchResultEntry e = c.getEntry(dn, attr);
            return e == null ? null : e.getAttributeValue(attr);
        }
    }

    /** The attribute's value on each server ("-" for none). */
    private Map<String, String> valueOn(String dn, String attr) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String name : MixedMesh.NAMES) {
            String v = value(name, dn, attr);
            out.put(name, v == null ? "-" : v);
        }
        return out;
    }

    /** The content digest of the naming context in a Linden server's cn=Monitor. */
    private String digest(String server) throws Exception {
        try (LDAPConnection c = mesh.admin(server)) {
            String[] info = c.getEntry("cn=Context 1,cn=Replication,cn=Monitor", "monitoredInfo")
                    .getAttributeValues("monitoredInfo");
            return Arrays.stream(info)
                    .filter(v -> v.startsWith("digest="))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** One more change, on slapd, and the three are identical. */
    private void repairAndAwaitIdentical(String dn) throws Exception {
        replace(SLAPD, dn, "description", "repaired");
        awaitIdentical("every entry after one more change to " + dn);
    }

    /** Waits until a Linden server has handed every change in its changelog to each of its consumers. */
    private void awaitSent(String server) throws Exception {
        await(
                () -> {
                    try (LDAPConnection c = mesh.admin(server)) {
                        var consumers = c.search(
                                        "cn=Replication,cn=Monitor",
                                        SearchScope.ONE,
                                        "(cn=Consumer *)",
                                        "monitoredInfo")
                                .getSearchEntries();
                        return consumers.size() == 2
                                && consumers.stream()
                                        .allMatch(e -> Arrays.asList(e.getAttributeValues("monitoredInfo"))
                                                .contains("lagChanges=0"));
                    }
                },
                server + " has sent its changes");
    }

    /**
     * Waits until every change is everywhere, forwarded copies included: each server adds a marker
     * entry, twice. A server's second marker follows, in each of its streams, everything it had
     * received by the time the first markers were all there, and so everything written before them.
     */
    private void awaitSettled() throws Exception {
        for (int round = 0; round < 2; round++) {
            String marker = "marker-" + System.nanoTime();
            for (String name : MixedMesh.NAMES) {
                try (LDAPConnection c = mesh.admin(name)) {
                    c.add(
                            "cn=" + marker + "-" + name + "," + BASE,
                            new Attribute("objectClass", "device"),
                            new Attribute("cn", marker + "-" + name));
                }
            }
            await(
                    () -> {
                        for (String name : MixedMesh.NAMES) {
                            try (LDAPConnection c = mesh.admin(name)) {
                                int seen = c.search(BASE, SearchScope.ONE, "(cn=" + marker + "-*)")
                                        .getEntryCount();
                                if (seen != MixedMesh.NAMES.size()) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    },
                    "the markers everywhere");
        }
    }

    private void awaitIdentical(String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        Map<String, TreeMap<String, String>> last = mesh.exports();
        while (new HashSet<>(last.values()).size() != 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            last = mesh.exports();
        }
        for (String name : MixedMesh.NAMES) {
            assertThat(last.get(name))
                    .as(what + ": " + name + " against ldap1" + mesh.logs())
                    .isEqualTo(last.get("ldap1"));
        }
    }

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(100);
        }
    }
}
