package dev.linden.it.replication;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Linden server in a JVM of its own, on LMDB in a folder that outlives it, so a test can kill it
 * with SIGKILL mid-work and start it again on the same data.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_DN = "cn=admin,dc=example,dc=com";
    static final String ADMIN_PASSWORD = "admin-secret";

    private final Path dir;
    private final int port;
    private Process process;

    private ServerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Writes {@code dir/linden.yaml} (port, suffix, root DN, LMDB in dir/data, plus {@code extraYaml}) and starts. */
    static ServerProcess start(Path dir, String extraYaml) throws Exception {
        ServerProcess p = configure(dir, freePort(), extraYaml);
        p.restart();
        return p;
    }

    /**
     * Writes {@code dir/linden.yaml} for {@code port} without starting, so that servers which name each
     * other can all be configured first, and a store can be loaded offline ({@link #config()}) before the
     * first start.
     */
    static ServerProcess configure(Path dir, int port, String extraYaml) throws IOException {
        ServerProcess p = new ServerProcess(dir, port);
        p.reconfigure(extraYaml);
        return p;
    }

    /** Writes its linden.yaml again with {@code extraYaml}: a running server reads it at its next start. */
    void reconfigure(String extraYaml) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("linden.yaml"), """
                listen: {host: 127.0.0.1, port: %d}
                suffix: dc=example,dc=com
                rootPassword: %s
                passwordScheme: SSHA256
                dataDir: %s
                tls: {enabled: false}
                security: {loopbackExempt: true}
                metrics: {enabled: false}
                detection: {enabled: false}
                throttle: {enabled: false}
                """.formatted(port, ADMIN_PASSWORD, dir.resolve("data")) + extraYaml);
    }

    /** Starts the server (again) and waits until its administrator can bind. */
    void restart() throws Exception {
        launch();
        awaitReady();
    }

    /** Starts the server's process without waiting for it, so several can start side by side. */
    void launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(
                java,
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.linden.cli.Main",
                "serve",
                "--config",
                dir.resolve("linden.yaml").toString());
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.toFile(), "server.log")))
                .start();
    }

    /** Waits until the administrator of a launched server can bind. */
    void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (LDAPConnection c = admin()) {
                return;
            } catch (LDAPException e) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "the server did not start: " + Files.readString(dir.resolve("server.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** SIGKILL: no shutdown hook, no last commit, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    LDAPConnection admin() throws LDAPException {
        return new LDAPConnection("127.0.0.1", port, ADMIN_DN, ADMIN_PASSWORD);
    }

    /** The end of the server's output, for a failure message. */
    String log() {
        try {
            String all = Files.readString(dir.resolve("server.log"));
            return all.substring(Math.max(0, all.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int port() {
        return port;
    }

    /** The server's linden.yaml, for the offline commands (import, export). */
    Path config() {
        return dir.resolve("linden.yaml");
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
