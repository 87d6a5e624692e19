package dev.linden.it.replication;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (Debian's package) for a test, run in the foreground as a child process. The test
 * gives the proxy sections; this class puts a {@code global} section before them with a stats socket
 * in the test's folder (how the test reads what HAProxy thinks of each server) and the log on
 * standard output, which goes to {@code haproxy.log} there.
 */
final class Haproxy implements AutoCloseable {
    private static final String INSTALL = "HAProxy is needed by the failover test: apt-get install -y haproxy";

    /** One server line of {@code show stat}: its state (UP, DOWN, ...), current sessions, UP to DOWN transitions. */
    record ServerStat(String status, int sessions, int downs) {
        boolean up() {
            return status.startsWith("UP");
        }
    }

    private final Path dir;
    private final Process process;

    private Haproxy(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts HAProxy with {@code sections} (defaults, listen...) and waits until its stats socket answers. */
    static Haproxy start(Path dir, String sections) throws Exception {
        Path binary = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy")).stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(INSTALL));
        Files.createDirectories(dir);
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    stats socket %s mode 600 level admin
                    log stdout format raw local0

                """.formatted(dir.resolve("haproxy.sock")) + sections);
        Process p = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("haproxy.log").toFile()))
                .start();
        Haproxy haproxy = new Haproxy(dir, p);
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                haproxy.servers();
                return haproxy;
            } catch (IOException e) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    haproxy.close();
                    throw new IllegalStateException("HAProxy did not start: " + haproxy.log());
                }
                Thread.sleep(50);
            }
        }
    }

    /** Every server of every backend by name, as the stats socket gives it now. */
    Map<String, ServerStat> servers() throws IOException {
        List<String> lines = command("show stat").lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new IOException("not a stats table: " + lines);
        }
        List<String> columns = List.of(lines.get(0).substring(2).split(","));
        int name = columns.indexOf("svname");
        int status = columns.indexOf("status");
        int sessions = columns.indexOf("scur");
        int downs = columns.indexOf("chkdown");
        Map<String, ServerStat> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < columns.size() || f[name].equals("FRONTEND") || f[name].equals("BACKEND")) {
                continue;
            }
            out.put(
                    f[name],
                    new ServerStat(
                            f[status],
                            Integer.parseInt(f[sessions]),
                            f[downs].isEmpty() ? 0 : Integer.parseInt(f[downs])));
        }
        return out;
    }

    /**
     * Waits until HAProxy gives {@code server} a state that is UP ({@code up}) or not, and returns how
     * long that took in milliseconds; fails after {@code seconds}.
     */
    long await(String server, boolean up, int seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        ServerStat last = null;
        while (System.nanoTime() < deadline) {
            last = servers().get(server);
            if (last != null && last.up() == up) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("HAProxy never marked " + server + (up ? " up" : " down") + " in " + seconds
                + " s (last: " + last + "): " + log());
    }

    /** The server holding the most client sessions: the one HAProxy is sending clients to. */
    String busiest() throws IOException {
        return servers().entrySet().stream()
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingInt(ServerStat::sessions)))
                .orElseThrow()
                .getKey();
    }

    /** One command on the stats socket, its whole answer. */
    private String command(String command) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(dir.resolve("haproxy.sock")));
            c.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            StringBuilder out = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(16384);
            while (c.read(buf) >= 0) { // HAProxy closes the socket after one command
                out.append(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
                buf.clear();
            }
            return out.toString();
        }
    }

    /** HAProxy's output: server state changes and one line per client connection. */
    String log() {
        try {
            String all = Files.readString(dir.resolve("haproxy.log"));
            return all.substring(Math.max(0, all.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
