package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On JDK 25 and later, {@code bin/linden} starts a server from the JDK's ahead-of-time cache, made by
 * a training run the first time (scripts/jvm-aot.sh); the server answers as without it, and
 * LINDEN_AOT=off starts without it.
 */
class StartupCacheIT {
    @Test
    void aServerStartsFromTheCacheTheTrainingRunMade() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Launcher.ensureBuilt();
        Path dir = TestServer.tempDir("linden-aot");
        Launcher.Result trained = Launcher.run(dir, "aot-training");
        assertThat(trained.exit()).as(trained.output()).isZero();
        Path aot = Launcher.ROOT.resolve("cli/target/aot");
        try (var files = Files.list(aot)) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".aot"))
                            .toList())
                    .isNotEmpty();
        }
        assertThat(Launcher.run(dir, "aot-training").output()).as("made once").doesNotContain("preparing");

        int port = Launcher.freePort();
        Path config = StartupFailuresIT.config(
                dir,
                "aot.yaml",
                "listen: {host: 127.0.0.1, port: " + port + "}\n"
                        + "dataDir: aot-data\nsecurity: {loopbackExempt: true}\n");
        try (Launcher.Running server =
                Launcher.start(dir, "serve", "--config", config.toString()).awaitReady()) {
            String cache = arguments(server).stream()
                    .filter(a -> a.startsWith("-XX:AOTCache="))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no -XX:AOTCache in " + arguments(server)))
                    .substring("-XX:AOTCache=".length());
            assertThat(Path.of(cache)).startsWith(aot).isRegularFile();
            assertThat(server.output()).doesNotContain("warning", "WARNING");
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", port, "cn=admin,dc=corp,dc=com", "Start-up-1")) {
                assertThat(c.getEntry("dc=corp,dc=com")).isNotNull();
            }
        }
        try (Launcher.Running server = Launcher.startWith(
                        dir, Map.of("LINDEN_AOT", "off"), "serve", "--config", config.toString())
                .awaitReady()) {
            assertThat(arguments(server)).noneMatch(a -> a.contains("AOTCache"));
        }
    }

    private static List<String> arguments(Launcher.Running server) {
        return Arrays.asList(
                ProcessHandle.of(server.pid()).orElseThrow().info().arguments().orElseThrow());
    }
}
