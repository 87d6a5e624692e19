package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Three writable Linden servers, ldap1 to ldap3, each in its own process on its own LMDB folder, in
 * the full mesh docs/replication.md prints: its blocks {@code linden-mesh-ldapN} with the access
 * rules of recipe 3 ({@code linden-mesh-access}). The guide's host names ({@code
 * ldapN.example.com:389}) become loopback ports: each server replicates from each other one through
 * a {@link TcpProxy} of its own for that pair ({@link #link}), so a test can cut one direction,
 * everything a server sends ({@link #linksFrom}), or a server off entirely ({@link #isolate}). They
 * start as the guide says: the directory imported on ldap1, exported, and that export imported on the
 * others, so all three begin with the same entries. More servers can join ({@link #add}).
 */
final class Mesh implements AutoCloseable {
    static final String BASE = "dc=example,dc=com";
    static final List<String> NAMES = List.of("ldap1", "ldap2", "ldap3");

    private final Map<String, ServerProcess> servers = new LinkedHashMap<>();
    private final Map<String, TcpProxy> links = new LinkedHashMap<>(); // "provider>consumer"
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** A proxy in front of each server, for configurations written later ({@link #addresses}, {@link #add}). */
    private final Map<String, TcpProxy> fronts = new LinkedHashMap<>();

    /** Configures, loads and starts the three servers with {@code ldif} as the directory's entries. */
    static Mesh start(Path dir, String ldif) throws Exception {
        Mesh mesh = new Mesh();
        try {
            mesh.configure(dir);
            Path directory = Files.writeString(dir.resolve("directory.ldif"), ldif);
            Path start = dir.resolve("mesh-start.ldif");
            offline("import", "--config", mesh.get("ldap1").config().toString(), directory.toString());
            offline("export", "--config", mesh.get("ldap1").config().toString(), "-o", start.toString());
            for (String name : NAMES.subList(1, NAMES.size())) {
                offline("import", "--config", mesh.get(name).config().toString(), start.toString());
            }
            for (ServerProcess s : mesh.servers.values()) {
                s.launch(); // side by side: each JVM takes seconds to start on a busy machine
            }
            for (ServerProcess s : mesh.servers.values()) {
                s.awaitReady();
            }
            return mesh;
        } catch (Exception | AssertionError e) {
            mesh.close();
            throw e;
        }
    }

    /** Each server's port, a proxy for each (provider, consumer) pair, then each linden.yaml from the guide's blocks. */
    private void configure(Path dir) throws Exception {
        for (String name : NAMES) {
            ports.put(name, ServerProcess.freePort());
            fronts.put(name, new TcpProxy(ports.get(name)));
        }
        for (String consumer : NAMES) {
            Map<String, Integer> linkPorts = new LinkedHashMap<>();
            for (String provider : NAMES) {
                if (!provider.equals(consumer)) {
                    TcpProxy link = new TcpProxy(ports.get(provider));
                    links.put(provider + ">" + consumer, link);
                    linkPorts.put(provider, link.port());
                }
            }
            String yaml = at(Guide.block("linden-mesh-" + consumer), linkPorts) + accessRules();
            servers.put(consumer, ServerProcess.configure(dir.resolve(consumer), ports.get(consumer), yaml));
        }
    }

    /**
     * Configures a new server, {@code name} in {@code dir}, with a link in front of it like the others:
     * {@code block} is its configuration from the guide, with the host names of this mesh's servers
     * (its own included) as their links' ports, followed by recipe 3's rules. It is not started: it
     * may be loaded offline first.
     */
    ServerProcess add(String name, Path dir, String block) throws Exception {
        int port = ServerProcess.freePort();
        fronts.put(name, new TcpProxy(port));
        ServerProcess s = ServerProcess.configure(dir, port, addresses(block) + accessRules());
        servers.put(name, s);
        return s;
    }

    /** The guide's host names of this mesh's servers as the ports of the proxies in front of them. */
    String addresses(String text) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        fronts.forEach((name, link) -> ports.put(name, link.port()));
        return at(text, ports);
    }

    /**
     * The proxy in front of {@code name}, through which the servers configured by {@link #addresses}
     * reach it (those of {@link #add}, and the others once reconfigured): cut it, and they hear nothing from it.
     */
    TcpProxy link(String name) {
        return fronts.get(name);
    }

    /** The guide's host names, ldapN.example.com:389, as the loopback ports of this mesh. */
    static String at(String text, Map<String, Integer> ports) {
        for (var e : ports.entrySet()) {
            text = text.replace(e.getKey() + ".example.com:389", "127.0.0.1:" + e.getValue());
        }
        return text;
    }

    /** Recipe 3's rules: the replicator reads every entry, the hashes, the SCRAM keys and the change states. */
    static String accessRules() throws Exception {
        return Guide.block("linden-mesh-access");
    }

    /** A linden command run in this JVM, as on the command line; it must succeed. */
    private static void offline(String... args) {
        assertThat(dev.linden.cli.Main.run(args))
                .as("linden " + String.join(" ", args))
                .isZero();
    }

    ServerProcess get(String name) {
        return servers.get(name);
    }

    /** The proxy {@code consumer} replicates from {@code provider} through. */
    TcpProxy link(String provider, String consumer) {
        return links.get(provider + ">" + consumer);
    }

    /** The proxies the other servers replicate from {@code name} through: cut them, and they hear nothing from it. */
    List<TcpProxy> linksFrom(String name) {
        return NAMES.stream()
                .filter(n -> !n.equals(name))
                .map(n -> link(name, n))
                .toList();
    }

    /** Sets every link to and from {@code name} to {@code mode}: BLACKHOLE cuts it off, RESET heals. */
    void isolate(String name, TcpProxy.Mode mode) {
        for (String other : NAMES) {
            if (!other.equals(name)) {
                link(name, other).mode(mode);
                link(other, name).mode(mode);
            }
        }
    }

    /** Every link back to forwarding, with what a cut link held dropped (as a healed partition). */
    void heal() {
        links.values().forEach(l -> l.mode(TcpProxy.Mode.RESET));
    }

    /**
     * Waits until the server's {@code n} sources are all persisting (what {@code linden status} shows),
     * and returns what its cn=Monitor says of them.
     */
    static List<String> awaitPersisting(ServerProcess s, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> states = List.of();
        while (System.currentTimeMillis() < deadline) {
            try (LDAPConnection c = s.admin()) {
                states = c
                        .search("cn=Replication,cn=Monitor", SearchScope.ONE, "(cn=Source *)", "monitoredInfo")
                        .getSearchEntries()
                        .stream()
                        .map(e -> String.join(",", e.getAttributeValues("monitoredInfo")))
                        .toList();
                if (states.size() == n && states.stream().allMatch(x -> x.contains("state=persisting"))) {
                    return states;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sources never all persisting: " + states + "\n" + s.log());
    }

    /** Each server's export (entries and CSNs; the root DN reads no hashes, and has no size limit), by name. */
    Map<String, TreeMap<String, String>> exports() throws LDAPException {
        Map<String, TreeMap<String, String>> out = new LinkedHashMap<>();
        for (var e : servers.entrySet()) {
            try (LDAPConnection c = e.getValue().admin()) {
                out.put(e.getKey(), Exports.of(c, BASE, false));
            }
        }
        return out;
    }

    /** Waits until the servers' exports are identical and returns them; fails after {@code seconds}. */
    TreeMap<String, String> awaitIdentical(int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Map<String, TreeMap<String, String>> last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = exports();
                if (new java.util.HashSet<>(last.values()).size() == 1) {
                    return last.get(NAMES.get(0));
                }
            } catch (LDAPException e) {
                // a server still starting: look again
            }
            Thread.sleep(250);
        }
        assertThat(last).as("the servers answered").isNotNull();
        List<String> names = new ArrayList<>(last.keySet());
        for (String name : names) {
            assertThat(last.get(name)).as(name + "'s export against ldap1's").isEqualTo(last.get(names.get(0)));
        }
        return last.get(names.get(0));
    }

    /** The end of each server's log, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        servers.forEach(
                (name, s) -> sb.append("\n--- ").append(name).append(" ---\n").append(s.log()));
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        for (ServerProcess s : servers.values()) {
            s.close();
        }
        for (TcpProxy link : fronts.values()) {
            link.close();
        }
        for (TcpProxy link : links.values()) {
            link.close();
        }
    }
}
