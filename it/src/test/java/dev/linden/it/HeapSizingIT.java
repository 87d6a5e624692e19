package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.testkit.TestServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/linden} sizes the server's heap from the configured entry cache (scripts/jvm-memory.sh),
 * not from the machine's RAM as the JVM would (a quarter of it), and picks the collector for the
 * cores it runs on; what is set in LINDEN_JAVA_OPTS wins. Read from the server JVM's own arguments,
 * and the cache's budget from cn=Monitor.
 */
class HeapSizingIT {
    @Test
    void theHeapGrowsWithTheConfiguredEntryCacheAndTheServerKeepsToIt() throws Exception {
        Launcher.ensureBuilt();
        Path dir = TestServer.tempDir("linden-heap");
        long defaultHeap;
        try (Launcher.Running server = serve(dir, "default.yaml", "").awaitReady()) {
            defaultHeap = megabytes(option(server, "-Xmx"));
        }
        int port = Launcher.freePort();
        Path config = StartupFailuresIT.config(
                dir,
                "cache.yaml",
                "listen: {host: 127.0.0.1, port: " + port + "}\n"
                        + "dataDir: cache-data\nsecurity: {loopbackExempt: true}\nentryCacheMb: 100\n");
        try (Launcher.Running server =
                Launcher.start(dir, "serve", "--config", config.toString()).awaitReady()) {
            long heap = megabytes(option(server, "-Xmx"));
            // 2 x the cache: the cache and room for the collector to replace its entries (when not capped by the RAM)
            if (heap < physicalMegabytes() / 2) {
                assertThat(heap - defaultHeap)
                        .as("heap with a 100 MiB cache against the default 32 MiB")
                        .isEqualTo(2 * (100 - 32));
            }
            assertThat(defaultHeap)
                    .as("far below the JVM's default quarter of the RAM")
                    .isLessThan(1024);
            if (Runtime.version().feature() >= 22) { // the launcher finds the JDK these tests run on
                assertThat(arguments(server))
                        .as("what the JIT compilers freed given back to the system")
                        .contains("-XX:TrimNativeHeapInterval=10000");
            }
            if (Runtime.getRuntime().availableProcessors() <= 2) {
                assertThat(arguments(server))
                        .as("one or two cores: the Serial collector")
                        .contains("-XX:+UseSerialGC");
            }
            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", port, "cn=admin,dc=corp,dc=com", "Start-up-1")) {
                assertThat(admin.getEntry("cn=Max Bytes,cn=Entry Cache,cn=Monitor", "monitorCounter")
                                .getAttributeValueAsLong("monitorCounter"))
                        .isEqualTo(100L << 20);
            }
        }
    }

    @Test
    void optionsGivenInLindenJavaOptsWin() throws Exception {
        Launcher.ensureBuilt();
        Path dir = TestServer.tempDir("linden-heap-opts");
        Path config = StartupFailuresIT.config(
                dir, "opts.yaml", "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + "}\ndataDir: opts-data\n");
        try (Launcher.Running server = Launcher.startWith(
                        dir,
                        java.util.Map.of("LINDEN_JAVA_OPTS", "-Xmx300m -XX:+UseParallelGC"),
                        "serve",
                        "--config",
                        config.toString())
                .awaitReady()) {
            List<String> args = arguments(server);
            assertThat(args.stream().filter(a -> a.startsWith("-Xmx")).toList()).containsExactly("-Xmx300m");
            assertThat(args).contains("-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
            assertThat(args.stream().filter(a -> a.startsWith("-Xmn")).toList())
                    .as("no young generation for another collector")
                    .isEmpty();
        }
    }

    private static Launcher.Running serve(Path dir, String name, String yaml) throws Exception {
        Path config = StartupFailuresIT.config(
                dir,
                name,
                "listen: {host: 127.0.0.1, port: " + Launcher.freePort() + "}\n" + "dataDir: " + name + "-data\n"
                        + yaml);
        return Launcher.start(dir, "serve", "--config", config.toString());
    }

    private static List<String> arguments(Launcher.Running server) {
        String[] args =
                ProcessHandle.of(server.pid()).orElseThrow().info().arguments().orElseThrow();
        return Arrays.asList(args);
    }

    /** The last value of a JVM option such as -Xmx (the JVM takes the last). */
    private static String option(Launcher.Running server, String prefix) {
        return arguments(server).stream()
                .filter(a -> a.startsWith(prefix))
                .reduce((a, b) -> b)
                .map(a -> a.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + arguments(server)));
    }

    private static long megabytes(String size) {
        assertThat(size).as("the launcher gives the heap in MiB").endsWith("m");
        return Long.parseLong(size.substring(0, size.length() - 1));
    }

    private static long physicalMegabytes() {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() >> 20;
    }
}
