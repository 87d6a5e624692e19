package dev.linden.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.testkit.TcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Linden and slapd servers in processes of their own, for {@link ReplicationBench}; all stopped on close. */
final class Servers implements AutoCloseable {
    static final String ADMIN = "cn=admin,dc=example,dc=com";
    static final String PASSWORD = "secret";
    private final Path work;
    private final List<Server> started = new ArrayList<>();

    Servers(Path work) {
        this.work = work;
    }

    /** One running server. */
    final class Server {
        private final String name;
        private final int port;
        private final List<String> command;
        private Process process;
        private long startedNanos;

        Server(String name, int port, List<String> command) {
            this.name = name;
            this.port = port;
            this.command = command;
        }

        Server start() throws Exception {
            startedNanos = System.nanoTime();
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            work.resolve(name + ".log").toFile()))
                    .start();
            started.add(this);
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                try (LDAPConnection c = new LDAPConnection("127.0.0.1", port)) {
                    return this;
                } catch (com.unboundid.ldap.sdk.LDAPException e) {
                    if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(name + " did not start: see " + work.resolve(name + ".log"));
                    }
                    Thread.sleep(50);
                }
            }
        }

        long startedNanos() {
            return startedNanos;
        }

        int port() {
            return port;
        }

        LDAPConnection admin() throws com.unboundid.ldap.sdk.LDAPException {
            return new LDAPConnection("127.0.0.1", port, ADMIN, PASSWORD);
        }

        long rssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                process.waitFor();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A Linden server loaded offline from {@code ldif} ({@code linden import}), then started. */
    Server lindenImported(String name, Path ldif, int serverId, String extra) throws Exception {
        Path yaml = lindenConfig(name, serverId, extra + """
                access:
                  rules:
                    - to: {attrs: [userPassword]}
                      by: [{dn: "%s", grant: read}, {who: anyone, grant: auth}]
                    - to: {}
                      by: [{who: users, grant: read}]
                """.formatted(ADMIN));
        run(java("import", "--config", yaml.toString(), ldif.toString()), work.resolve(name + "-import.log"));
        return new Server(name, port(yaml), java("serve", "--config", yaml.toString())).start();
    }

    /**
     * A writable Linden mesh of {@code size} servers (server IDs 1 to size), each replicating from each
     * other one through a {@link TcpProxy} of its own for that pair ({@code links.get("i>j")}: j's link
     * from i), all begun from {@code ldif} as docs/replication.md says: imported on the first, exported,
     * that export imported on the others. The replication identity is the root DN, granted the change
     * state.
     */
    List<Server> lindenMesh(String name, Path ldif, int size, java.util.Map<String, TcpProxy> links) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(freePort());
        }
        List<Path> yamls = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            StringBuilder sources = new StringBuilder();
            for (int j = 1; j <= size; j++) {
                if (j != i) {
                    TcpProxy link = new TcpProxy(ports.get(j - 1));
                    links.put(j + ">" + i, link);
                    sources.append(String.format(
                            "    - rid: %d%n      provider: ldap://127.0.0.1:%d%n"
                                    + "      bindDn: \"%s\"%n      password: %s%n      retrySeconds: [1]%n",
                            j, link.port(), ADMIN, PASSWORD));
                }
            }
            yamls.add(lindenConfig(
                    name + i,
                    i,
                    ports.get(i - 1),
                    "replication:\n"
                            + "  consumers: [\"" + ADMIN + "\"]\n  readOnly: off\n  sources:\n" + sources
                            + "access:\n  rules:\n"
                            + "    - to: {attrs: [userPassword, authPassword, lindenCsnState]}\n"
                            + "      by: [{dn: \"" + ADMIN + "\", grant: read}, {who: anyone, grant: auth}]\n"
                            + "    - to: {}\n      by: [{who: users, grant: read}]\n"));
        }
        Path start = work.resolve(name + "-start.ldif");
        run(java("import", "--config", yamls.get(0).toString(), ldif.toString()), work.resolve(name + "1-import.log"));
        run(
                java("export", "--config", yamls.get(0).toString(), "-o", start.toString()),
                work.resolve(name + "1-export.log"));
        for (int i = 1; i < size; i++) {
            run(
                    java("import", "--config", yamls.get(i).toString(), start.toString()),
                    work.resolve(name + (i + 1) + "-import.log"));
        }
        List<Server> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(new Server(
                            name + (i + 1),
                            ports.get(i),
                            java("serve", "--config", yamls.get(i).toString()))
                    .start());
        }
        return out;
    }

    /** An empty Linden server replicating everything from {@code provider}. */
    Server lindenConsumer(String name, int serverId, Server provider) throws Exception {
        Path yaml = lindenConfig(name, serverId, """
                replication:
                  sources:
                    - rid: %d
                      provider: ldap://127.0.0.1:%d
                      bindDn: "%s"
                      password: %s
                      retrySeconds: [1]
                """.formatted(serverId, provider.port(), ADMIN, PASSWORD));
        return new Server(name, port(yaml), java("serve", "--config", yaml.toString())).start();
    }

    /** A slapd provider (syncprov with a session log) loaded with slapadd -q, then started. */
    Server slapdImported(String name, Path ldif) throws Exception {
        Path conf = slapdConfig(name, "moduleload syncprov", """
                overlay syncprov
                syncprov-checkpoint 100 10
                syncprov-sessionlog 10000
                """);
        run(
                List.of("/usr/sbin/slapadd", "-q", "-f", conf.toString(), "-l", ldif.toString()),
                work.resolve(name + "-slapadd.log"));
        return slapd(name, conf);
    }

    /** An empty slapd consumer (syncrepl refreshAndPersist) of {@code provider}, itself a provider (for watchers). */
    Server slapdConsumer(String name, Server provider) throws Exception {
        Path conf = slapdConfig(
                name, "moduleload syncprov", """
                syncrepl rid=%03d provider=ldap://127.0.0.1:%d bindmethod=simple binddn="%s" credentials=%s
                  searchbase="dc=example,dc=com" type=refreshAndPersist retry="1 +" timeout=5
                overlay syncprov
                """.formatted(100 + started.size(), provider.port(), ADMIN, PASSWORD));
        return slapd(name, conf);
    }

    private Server slapd(String name, Path conf) throws Exception {
        int port =
                Integer.parseInt(Files.readString(conf.resolveSibling("port")).trim());
        return new Server(
                        name,
                        port,
                        List.of(
                                "/usr/sbin/slapd",
                                "-f",
                                conf.toString(),
                                "-h",
                                "ldap://127.0.0.1:" + port + "/",
                                "-d",
                                "0"))
                .start();
    }

    private Path slapdConfig(String name, String global, String database) throws IOException {
        Path dir = work.resolve(name);
        Files.createDirectories(dir.resolve("db"));
        int port = freePort();
        Files.writeString(dir.resolve("port"), Integer.toString(port));
        Path conf = dir.resolve("slapd.conf");
        Files.writeString(conf, """
                include /etc/ldap/schema/core.schema
                include /etc/ldap/schema/cosine.schema
                include /etc/ldap/schema/inetorgperson.schema
                include /etc/ldap/schema/nis.schema
                pidfile %1$s/slapd.pid
                modulepath /usr/lib/ldap
                moduleload back_mdb
                %2$s
                access to * by * read
                database mdb
                suffix "dc=example,dc=com"
                rootdn "%3$s"
                rootpw %4$s
                directory %1$s/db
                maxsize 4294967296
                index objectClass,uid,entryCSN,entryUUID eq
                %5$s
                """.formatted(dir, global, ADMIN, PASSWORD, database));
        return conf;
    }

    private Path lindenConfig(String name, int serverId, String extra) throws IOException {
        return lindenConfig(name, serverId, freePort(), extra);
    }

    private Path lindenConfig(String name, int serverId, int port, String extra) throws IOException {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        Path yaml = dir.resolve("linden.yaml");
        Files.writeString(yaml, """
                listen: {host: 127.0.0.1, port: %d}
                suffix: dc=example,dc=com
                rootPassword: %s
                dataDir: %s
                serverId: %d
                tls: {enabled: false}
                security: {loopbackExempt: true}
                accessLog: {enabled: false}
                metrics: {enabled: false}
                limits: {sizeLimit: 0, timeLimitSeconds: 0}
                """.formatted(port, PASSWORD, dir.resolve("data"), serverId) + extra);
        return yaml;
    }

    private static int port(Path yaml) throws IOException {
        String text = Files.readString(yaml);
        int i = text.indexOf("port: ") + 6;
        return Integer.parseInt(text.substring(i, text.indexOf('}', i)).trim());
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.linden.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Server s : started) {
            s.stop();
        }
    }
}
