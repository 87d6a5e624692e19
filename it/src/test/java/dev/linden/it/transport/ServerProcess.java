package dev.linden.it.transport;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Linden server in its own JVM ({@code linden serve --config}), so that a test can measure what the
 * server process holds (VmRSS in /proc/<pid>/status) apart from the clients that load it. Listens on
 * 127.0.0.1 on a free port; the administrator is {@link TestServer#ADMIN_DN} with
 * {@link TestServer#ADMIN_PASSWORD}. Its output goes to server.log in its data folder.
 */
final class ServerProcess implements AutoCloseable {
    final Path dataDir;
    final int port;
    private final Process process;

    private ServerProcess(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /**
     * @param extraYaml configuration lines added to a plain LMDB server without metrics, detection or throttling
     * @param jvmOptions options for the server's JVM (heap size, ...)
     */
    static ServerProcess start(String extraYaml, List<String> jvmOptions) throws IOException, InterruptedException {
        Path data = TestServer.tempDir("linden-process");
        int port = freePort();
        Path config = data.resolve("linden.yaml");
        Files.writeString(
                config,
                """
                listen: {host: 127.0.0.1, port: %d}
                suffix: %s
                rootDn: %s
                rootPassword: %s
                passwordScheme: SSHA256
                dataDir: %s
                mapSizeMb: 512
                security: {loopbackExempt: true}
                throttle: {enabled: false}
                detection: {enabled: false}
                metrics: {enabled: false}
                """.formatted(port, TestServer.SUFFIX, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD, data)
                        + extraYaml);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.linden.cli.Main",
                "serve",
                "--config",
                config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile())
                .start();
        ServerProcess server = new ServerProcess(data, port, process);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + log());
            }
            try (LDAPConnection c = admin()) {
                return;
            } catch (LDAPException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the server did not start listening within 60 s: " + log());
    }

    LDAPConnection admin() throws LDAPException {
        return new LDAPConnection("127.0.0.1", port, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    long pid() {
        return process.pid();
    }

    /** The server process's resident set size, in KB. */
    long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + process.pid());
    }

    /** The open-file limits of the server process: {soft, hard}. */
    long[] openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/limits"))) {
            if (line.startsWith("Max open files")) {
                String[] words =
                        line.substring("Max open files".length()).trim().split("\\s+");
                return new long[] {Long.parseLong(words[0]), Long.parseLong(words[1])};
            }
        }
        throw new IllegalStateException("no open-file limit for process " + process.pid());
    }

    String log() throws IOException {
        Path file = dataDir.resolve("server.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
