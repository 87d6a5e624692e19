package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Running a server" block, read from README.md and run as printed, in an empty
 * folder that holds a link to this checkout's {@code bin} (the block's {@code bin/linden}), with
 * two changes a script must make and a reader does by hand:
 * <ul>
 *   <li>each {@code bin/linden serve} line runs in the background (a reader opens another terminal),
 *       and the next line waits for its banner;</li>
 *   <li>the ports 3389 and 3390 become free ones: on a shared machine another server (the demo
 *       listens on 3389) or another test run may hold them.</li>
 * </ul>
 */
class ReadmeIT {
    private static final String BANNER_END = Launcher.READY;

    @Test
    void theRunningAServerBlockRunsAsPrinted() throws Exception {
        Launcher.ensureBuilt();
        String block = block(Files.readString(Launcher.ROOT.resolve("README.md")), "## Running a server");
        int first = Launcher.freePort();
        int second = Launcher.freePort();
        String commands = block.replace("3389", Integer.toString(first)).replace("3390", Integer.toString(second));
        Path dir = TestServer.tempDir("linden-readme");
        Files.createSymbolicLink(dir.resolve("bin"), Launcher.ROOT.resolve("bin"));
        Files.writeString(dir.resolve("readme.sh"), script(commands));
        Process p = new ProcessBuilder("bash", "readme.sh")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        } finally {
            p.destroyForcibly();
            stopServers(dir.resolve("serve.pids"));
        }
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .as("the banner, from flags")
                .contains(
                        "SHA-256 fingerprint",
                        "LDAPTLS_CACERT=" + dir.resolve("corp-data/tls/cert.pem")
                                + " ldapwhoami -x -ZZ -H ldap://localhost:" + first);
        assertThat(output).as("ldapwhoami over StartTLS").contains("dn:cn=admin,dc=corp,dc=com");
        assertThat(output)
                .as("status of both servers")
                .contains("at ldap://localhost:" + first + ", up ", "at ldap://localhost:" + second + ", up ");
        assertThat(output).contains("exported 1 entries to backup.ldif", "imported 1 entries");
        assertThat(output).doesNotContain("WARNING:").doesNotContain("\tat ");
        assertThat(Files.readString(dir.resolve("backup.ldif"))).contains("dn: dc=corp,dc=com");
        assertThat(Files.readString(dir.resolve("linden.yaml"))).contains("rootPassword: \"{ARGON2}$argon2id$");
    }

    /** The first ```sh fence after the heading. */
    static String block(String markdown, String heading) {
        int at = markdown.indexOf(heading);
        assertThat(at).as("README.md has " + heading).isNotNegative();
        int open = markdown.indexOf("```sh\n", at);
        int close = markdown.indexOf("\n```", open + 6);
        assertThat(open).isNotNegative();
        return markdown.substring(open + "```sh\n".length(), close + 1);
    }

    /** The block as a bash script: serve lines in the background, each awaited; every other line as it is. */
    static String script(String commands) {
        StringBuilder s = new StringBuilder("""
                set -euo pipefail
                await_ready() { # log pid
                    for _ in $(seq 1 1800); do
                        if grep -qF '%s' "$1"; then cat "$1"; return 0; fi
                        kill -0 "$2" 2>/dev/null || { echo "serve ended before it was ready:"; cat "$1"; return 1; }
                        sleep 0.1
                    done
                    echo "serve was not ready in 3 minutes:"; cat "$1"; return 1
                }
                """.formatted(BANNER_END));
        int servers = 0;
        for (String line : commands.lines().toList()) {
            if (line.startsWith("bin/linden serve ")) {
                assertThat(line)
                        .as("a serve line without a comment, so it can be sent to the background")
                        .doesNotContain("#");
                servers++;
                s.append(line)
                        .append(" > serve-")
                        .append(servers)
                        .append(".log 2>&1 &\n")
                        .append("echo $! >> serve.pids\n")
                        .append("await_ready serve-")
                        .append(servers)
                        .append(".log $!\n");
            } else {
                s.append(line).append('\n');
            }
        }
        assertThat(servers).as("the block starts servers").isGreaterThan(0);
        return s.toString();
    }

    /** SIGTERM to each server the block started (the launcher execs java: the pid is the server's). */
    private static void stopServers(Path pids) throws Exception {
        if (!Files.exists(pids)) {
            return;
        }
        List<ProcessHandle> running = new ArrayList<>();
        for (String pid : Files.readAllLines(pids)) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(h -> {
                h.destroy();
                running.add(h);
            });
        }
        for (ProcessHandle h : running) {
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
