package dev.linden.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, point 7: a fleet of clients that keep connections open (nslcd, SSSD) from many addresses is
 * held and served, with the server's default connection limit, which comes from its open-file limit;
 * when it is full, a new client still connects and is served, and the connection idle longest makes
 * room. The server runs in its own JVM: its resident set before and after the fleet connects, each
 * time after a full garbage collection, gives what 1,000 idle connections cost.
 *
 * <p>20,000 connections are the aim; the client (this JVM) and the server each need a file descriptor
 * per connection, so both open-file limits are read first and the fleet is as large as they allow
 * (on a machine with a hard limit of 20,000, the server holds its whole default capacity).
 */
class FleetCapacityIT {
    private static final int AIM = 20_000;
    private static final int ADDRESSES = 200; // 127.0.1.1 ... : about 100 connections each

    @Test
    void aFleetOfIdleClientsIsHeldAndServedAndNewClientsStillConnect() throws Exception {
        try (ServerProcess server = ServerProcess.start("accessLog: {enabled: false}\n", List.of());
                LDAPConnection watcher = server.admin()) {
            long[] serverFiles = server.openFileLimit();
            assertThat(serverFiles[0])
                    .as("the JVM raised the server's soft open-file limit to the hard one")
                    .isEqualTo(serverFiles[1]);
            long capacity =
                    serverFiles[0] - Math.max(256, serverFiles[0] / 32); // the documented default of maxConnections
            long clientRoom =
                    ownOpenFileLimit() - openFiles(ProcessHandle.current().pid()) - 200;
            int n = (int) Math.min(AIM, Math.min(capacity - 1, clientRoom)); // the watcher holds one connection too
            long before = rssAfterGc(server);
            long serverFilesBefore = openFiles(server.pid());

            List<RawLdap> fleet = new ArrayList<>(n);
            long start = System.nanoTime();
            try {
                for (int i = 0; i < n; i++) {
                    fleet.add(RawLdap.connect(address(i % ADDRESSES), server.port));
                    if (i % 2_000 == 0) {
                        assertThat(watcher.getRootDSE())
                                .as("served while the fleet connects")
                                .isNotNull();
                    }
                }
                double connectSeconds = (System.nanoTime() - start) / 1e9;
                for (int i = 0; i < n; i++) {
                    assertThat(fleet.get(i).rootDseAnswers())
                            .as("idle connection %d is held and served", i)
                            .isTrue();
                }
                long after = rssAfterGc(server);
                long serverFilesAfter = openFiles(server.pid());
                System.out.printf(
                        "FleetCapacityIT: open files: server soft %d hard %d, default maxConnections %d; fleet of %d"
                                + " connections from %d addresses connected in %.1f s, each then served; server RSS after a full GC:"
                                + " before %d KB, after %d KB: %.0f KB per 1,000 idle connections; server's open files %d -> %d%n",
                        serverFiles[0],
                        serverFiles[1],
                        capacity,
                        n,
                        ADDRESSES,
                        connectSeconds,
                        before,
                        after,
                        (after - before) * 1000.0 / n,
                        serverFilesBefore,
                        serverFilesAfter);
                assertThat(serverFilesAfter - serverFilesBefore)
                        .as("the server holds every connection")
                        .isGreaterThanOrEqualTo(n);

                if (n == capacity - 1) { // full: one more client still gets in, and the longest-idle connection makes
                    // room
                    try (LDAPConnection late = new LDAPConnection("127.0.0.1", server.port)) {
                        assertThat(late.getRootDSE())
                                .as("a new client when the server is full")
                                .isNotNull();
                    }
                    assertThat(fleet.get(0).readNotice())
                            .as("the longest-idle unauthenticated connection gets a notice (unavailable)")
                            .isEqualTo(52);
                    assertThat(fleet.get(1).rootDseAnswers())
                            .as("the others stay")
                            .isTrue();
                }
                assertThat(watcher.getRootDSE()).isNotNull();
            } finally {
                for (RawLdap c : fleet) {
                    c.close();
                }
            }
        }
    }

    private static InetAddress address(int a) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + a / 250), (byte) (1 + a % 250)});
    }

    /** The server's resident set in KB, after a full garbage collection (jcmd GC.run) lets the heap settle. */
    private static long rssAfterGc(ServerProcess server) throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500);
        return server.rssKb();
    }

    private static long ownOpenFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(
                        line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return 1024;
    }

    private static long openFiles(long pid) throws IOException {
        try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return files.count();
        }
    }
}
