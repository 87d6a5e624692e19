package dev.linden.it.slapd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenLDAP slapd for a test: its own temporary folder, an old-style slapd.conf (the Debian
 * schema files, one mdb database for dc=example,dc=com), listening on a free loopback port, run in
 * the foreground as a child process and stopped by {@link #close()}. The administrator is the same
 * as Linden's test server: {@link #ADMIN_DN} with {@link #ADMIN_PASSWORD}.
 */
public final class Slapd implements AutoCloseable {
    public static final String SUFFIX = "dc=example,dc=com";
    public static final String ADMIN_DN = "cn=admin,dc=example,dc=com";
    public static final String ADMIN_PASSWORD = "admin-secret";
    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path LDAPADD = Path.of("/usr/bin/ldapadd");
    private static final Path LDAPWHOAMI = Path.of("/usr/bin/ldapwhoami");
    private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    private static final String INSTALL =
            "slapd and ldap-utils are needed by the differential tests: " + "apt-get install -y slapd ldap-utils";
    private static final long START_TIMEOUT_MS = 10_000;

    private final Path dir;
    private Process process;
    private final int port;
    private final int ldapsPort;
    private final boolean adminOverTls;

    private Slapd(Path dir, Process process, int port, int ldapsPort, boolean adminOverTls) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.ldapsPort = ldapsPort;
        this.adminOverTls = adminOverTls;
    }

    /** Starts slapd on a free port and waits until the administrator can bind. */
    public static Slapd start() {
        return start("", "");
    }

    /**
     * Starts slapd with extra configuration: {@code global} lines before the database (moduleload),
     * {@code database} lines after it (overlay and its settings).
     */
    public static Slapd start(String global, String database) {
        return start(global, database, false, false);
    }

    /**
     * Starts slapd with TLS set up in {@code global} (TLSCertificateFile...): an LDAPS listener too
     * ({@link #ldapsPort()}), and when {@code adminOverTls} the administrator binds with StartTLS (for
     * a slapd that refuses simple binds in clear), trusting any certificate.
     */
    public static Slapd startWithTls(String global, String database, boolean adminOverTls) {
        return start(global, database, true, adminOverTls);
    }

    /**
     * Starts slapd on {@code port}, known beforehand because its peers in a mesh are configured first,
     * its database loaded from {@code ldif} by slapadd before the first start: entryUUIDs and entryCSNs
     * as the file has them, and the contextCSN computed from them ({@code -w}), as a server that joins
     * a directory from another server's export.
     */
    public static Slapd startFrom(String global, String database, Path ldif, int port) {
        requireTools();
        try {
            Path dir = Files.createTempDirectory("linden-slapd");
            Files.createDirectories(dir.resolve("db"));
            Path conf = Files.writeString(dir.resolve("slapd.conf"), config(dir, global, database));
            Path out = dir.resolve("slapadd.log");
            int rc = run(List.of(SLAPADD.toString(), "-w", "-f", conf.toString(), "-l", ldif.toString()), out);
            if (rc != 0) {
                throw new IllegalStateException("slapadd exited with " + rc + ": " + Files.readString(out));
            }
            Process p = new ProcessBuilder(
                            SLAPD.toString(),
                            "-f",
                            conf.toString(),
                            "-h",
                            "ldap://127.0.0.1:" + port + "/",
                            "-d",
                            "none")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("slapd.log").toFile())
                    .start();
            Slapd slapd = new Slapd(dir, p, port, -1, false);
            try {
                slapd.awaitBind();
            } catch (IllegalStateException e) {
                slapd.close();
                throw e;
            }
            return slapd;
        } catch (IOException e) {
            throw new UncheckedIOException("slapd did not start", e);
        }
    }

    private static void requireTools() {
        for (Path tool : List.of(SLAPD, LDAPADD, LDAPWHOAMI, SLAPADD)) {
            if (!Files.isExecutable(tool)) {
                throw new IllegalStateException(tool + " not found; " + INSTALL);
            }
        }
    }

    private static Slapd start(String global, String database, boolean ldaps, boolean adminOverTls) {
        requireTools();
        try {
            Path dir = Files.createTempDirectory("linden-slapd");
            Files.createDirectories(dir.resolve("db"));
            Files.writeString(dir.resolve("slapd.conf"), config(dir, global, database));
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) { // another process may take the port first
                int port = freePort();
                int ldapsPort = ldaps ? freePort() : -1;
                String urls = "ldap://127.0.0.1:" + port + "/" + (ldaps ? " ldaps://127.0.0.1:" + ldapsPort + "/" : "");
                Process p = new ProcessBuilder(
                                SLAPD.toString(),
                                "-f",
                                dir.resolve("slapd.conf").toString(),
                                "-h",
                                urls,
                                "-d",
                                "none")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("slapd.log").toFile())
                        .start();
                Slapd slapd = new Slapd(dir, p, port, ldapsPort, adminOverTls);
                try {
                    slapd.awaitBind();
                    return slapd;
                } catch (IllegalStateException e) {
                    slapd.stop();
                    last = e;
                }
            }
            delete(dir);
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("slapd did not start", e);
        }
    }

    private static String config(Path dir, String global, String database) {
        return """
                include /etc/ldap/schema/core.schema
                include /etc/ldap/schema/cosine.schema
                include /etc/ldap/schema/inetorgperson.schema
                include /etc/ldap/schema/nis.schema
                pidfile %1$s/slapd.pid
                argsfile %1$s/slapd.args
                modulepath /usr/lib/ldap
                moduleload back_mdb
                %5$s
                # Linden's default policy in slapd's words: a user may change only their own password,
                # nobody reads passwords, everyone else reads (the administrator is not subject to it).
                access to attrs=userPassword by self =wx by anonymous auth by * none
                access to * by * read
                database mdb
                suffix "%2$s"
                rootdn "%3$s"
                rootpw %4$s
                directory %1$s/db
                maxsize 67108864
                dbnosync
                index objectClass,uid,cn,sn,mail eq
                %6$s
                """.formatted(dir, SUFFIX, ADMIN_DN, ADMIN_PASSWORD, global, database);
    }

    private void awaitBind() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slapd exited with " + process.exitValue() + ": " + log());
            }
            if (run(admin(LDAPWHOAMI.toString())) == 0) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("slapd did not accept a bind within " + START_TIMEOUT_MS + " ms: " + log());
    }

    /** Adds the entries of an LDIF resource with ldapadd, as the administrator. */
    public Slapd loadResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " next to " + anchor.getName());
            }
            return loadLdif(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Slapd loadLdif(String ldif) {
        try {
            Path file = Files.createTempFile(dir, "load", ".ldif");
            Files.writeString(file, ldif);
            Path out = dir.resolve("ldapadd.log");
            List<String> command = new java.util.ArrayList<>(admin(LDAPADD.toString()));
            command.addAll(List.of("-f", file.toString()));
            int rc = run(command, out);
            if (rc != 0) {
                throw new IllegalStateException("ldapadd exited with " + rc + ": " + Files.readString(out));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database as slapcat exports it (OpenLDAP's backup and migration format, operational attributes included). */
    public String slapcat() {
        try {
            Path out = Files.createTempFile(dir, "slapcat", ".ldif");
            int rc = run(
                    List.of(
                            "/usr/sbin/slapcat",
                            "-f",
                            dir.resolve("slapd.conf").toString(),
                            "-b",
                            SUFFIX,
                            "-l",
                            out.toString()),
                    dir.resolve("slapcat.log"));
            if (rc != 0) {
                throw new IllegalStateException(
                        "slapcat exited with " + rc + ": " + Files.readString(dir.resolve("slapcat.log")));
            }
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tool's command line binding as the administrator (with StartTLS when the server wants TLS for binds). */
    private List<String> admin(String tool) {
        List<String> c =
                new java.util.ArrayList<>(List.of(tool, "-x", "-H", url(), "-D", ADMIN_DN, "-w", ADMIN_PASSWORD));
        if (adminOverTls) {
            c.add("-ZZ");
        }
        return c;
    }

    public int port() {
        return port;
    }

    /** The LDAPS port, or -1 when started without TLS. */
    public int ldapsPort() {
        return ldapsPort;
    }

    public String url() {
        return "ldap://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        stop();
        delete(dir);
    }

    /** Stops slapd (SIGTERM) and starts it again on the same data and port, waiting until it answers. */
    public Slapd restart() throws IOException {
        stop();
        String urls =
                "ldap://127.0.0.1:" + port + "/" + (ldapsPort >= 0 ? " ldaps://127.0.0.1:" + ldapsPort + "/" : "");
        process = new ProcessBuilder(
                        SLAPD.toString(), "-f", dir.resolve("slapd.conf").toString(), "-h", urls, "-d", "none")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("slapd.log").toFile()))
                .start();
        awaitBind();
        return this;
    }

    private void stop() {
        process.destroy(); // SIGTERM: slapd shuts down cleanly
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The end of slapd's output, for a failure message. */
    public String log() {
        try {
            String log = Files.readString(dir.resolve("slapd.log"));
            return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private int run(List<String> command) {
        return run(command, dir.resolve("tool.log"));
    }

    private static int run(List<String> command, Path output) {
        try {
            ProcessBuilder b =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            b.environment()
                    .put("LDAPTLS_REQCERT", "never"); // the administrator's own tools trust the test's certificate
            Process p = b.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a test for
        }
    }
}
