package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * docs/replication.md's mixed mesh, from its blocks: ldap1 and ldap2, writable Linden servers each in
 * its own process on LMDB, and ldap3, a slapd multi-provider; each replicates from the two others.
 * Every link (one server reading another) goes through a {@link TcpProxy} of its own, so a test can
 * cut and heal each direction between two servers apart from the others. They start as the guide
 * says: the directory imported on ldap1 and exported, the export imported on ldap2 and, filtered by
 * the guide's own command, loaded into slapd with slapadd.
 */
final class MixedMesh implements AutoCloseable {
    static final String BASE = "dc=example,dc=com";
    static final String SLAPD = "ldap3";
    static final List<String> LINDENS = List.of("ldap1", "ldap2");
    static final List<String> NAMES = List.of("ldap1", "ldap2", SLAPD);

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, TcpProxy> links = new LinkedHashMap<>();
    private final Map<String, ServerProcess> lindens = new LinkedHashMap<>();
    private Slapd slapd;

    /** Configures, loads and starts the three servers with {@code ldif} as the directory's entries. */
    static MixedMesh start(Path dir, String ldif) throws Exception {
        MixedMesh mesh = new MixedMesh();
        try {
            for (String name : NAMES) {
                mesh.ports.put(name, ServerProcess.freePort());
            }
            for (String consumer : NAMES) {
                for (String provider : NAMES) {
                    if (!consumer.equals(provider)) {
                        mesh.links.put(consumer + "<" + provider, new TcpProxy(mesh.ports.get(provider)));
                    }
                }
            }
            String access = Guide.block("linden-mixed-access");
            for (String name : LINDENS) {
                String yaml = mesh.addresses(Guide.block("linden-mixed-" + name), name) + access;
                mesh.lindens.put(name, ServerProcess.configure(dir.resolve(name), mesh.ports.get(name), yaml));
            }
            Path directory = Files.writeString(dir.resolve("directory.ldif"), ldif);
            offline("import", "--config", mesh.lindens.get("ldap1").config().toString(), directory.toString());
            offline(
                    "export",
                    "--config",
                    mesh.lindens.get("ldap1").config().toString(),
                    "-o",
                    dir.resolve("mesh-start.ldif").toString());
            offline(
                    "import",
                    "--config",
                    mesh.lindens.get("ldap2").config().toString(),
                    dir.resolve("mesh-start.ldif").toString());
            mesh.slapd = Slapd.startFrom(
                    Guide.block("slapd-mixed"),
                    mesh.addresses(Guide.block("slapd-mixed-database"), SLAPD),
                    slapdStart(dir),
                    mesh.ports.get(SLAPD));
            for (ServerProcess s : mesh.lindens.values()) {
                s.launch();
            }
            for (ServerProcess s : mesh.lindens.values()) {
                s.awaitReady();
            }
            return mesh;
        } catch (Exception | AssertionError e) {
            mesh.close();
            throw e;
        }
    }

    /** The file slapd loads, made from the export by the guide's own command (its first line), run as printed. */
    private static Path slapdStart(Path dir) throws Exception {
        List<String> lines = Guide.block("slapd-start-ldif").lines().toList();
        assertThat(lines.get(1)).as("the guide loads it with slapadd -w").contains("slapadd -w");
        Process p = new ProcessBuilder("bash", "-c", lines.get(0))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(new String(p.getInputStream().readAllBytes()))
                .isZero();
        Path out = dir.resolve("slapd-start.ldif");
        assertThat(Files.readString(out))
                .as("the file slapd loads")
                .contains("dn: " + BASE)
                .doesNotContainIgnoringCase("authPassword")
                .doesNotContain("version: 1");
        return out;
    }

    /** The guide's host names, ldapN.example.com:389, as the ports of the links {@code consumer} reads them through. */
    private String addresses(String text, String consumer) {
        for (String provider : NAMES) {
            if (!provider.equals(consumer)) {
                text = text.replace(
                        provider + ".example.com:389",
                        "127.0.0.1:" + link(consumer, provider).port());
            }
        }
        return text;
    }

    private static void offline(String... args) {
        assertThat(dev.linden.cli.Main.run(args))
                .as("linden " + String.join(" ", args))
                .isZero();
    }

    /** The link {@code consumer} reads {@code provider} through. */
    TcpProxy link(String consumer, String provider) {
        return links.get(consumer + "<" + provider);
    }

    /** Cuts (blackholes) or heals every link. */
    void all(TcpProxy.Mode mode) {
        links.values().forEach(l -> l.mode(mode));
    }

    /** The administrator of a server (the same DN and password on the three). */
    LDAPConnection admin(String name) throws LDAPException {
        return new LDAPConnection("127.0.0.1", ports.get(name), ServerProcess.ADMIN_DN, ServerProcess.ADMIN_PASSWORD);
    }

    int port(String name) {
        return ports.get(name);
    }

    /** Each server's export (entries, CSNs and user attributes; no password hashes), by name. */
    Map<String, TreeMap<String, String>> exports() throws LDAPException {
        Map<String, TreeMap<String, String>> out = new LinkedHashMap<>();
        for (String name : NAMES) {
            try (LDAPConnection c = admin(name)) {
                out.put(name, Exports.of(c, BASE, false));
            }
        }
        return out;
    }

    /** The end of each server's log, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        lindens.forEach(
                (name, s) -> sb.append("\n--- ").append(name).append(" ---\n").append(s.log()));
        if (slapd != null) {
            sb.append("\n--- ").append(SLAPD).append(" (slapd) ---\n").append(slapd.log());
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        for (ServerProcess s : lindens.values()) {
            s.close();
        }
        if (slapd != null) {
            slapd.close();
        }
        for (TcpProxy link : links.values()) {
            link.close();
        }
    }
}
