package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of a stream of writes loses no acknowledged write and leaves a store that
 * opens and answers: the server runs as its own process, is killed with SIGKILL while clients add
 * entries, and is started again on the same data.
 */
class CrashDurabilityIT {
    private static final String PASSWORD = "crash-admin";

    @Test
    void killDashNineLosesNoAcknowledgedWrite() throws Exception {
        Path data = TestServer.tempDir("linden-crash");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 3; round++) {
            int port = freePort();
            Process server = startServer(data, port);
            try {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int writer = t;
                    int r = round;
                    Thread thread = new Thread(() -> write(port, r, writer, stop, acknowledged));
                    thread.start();
                    writers.add(thread);
                }
                Thread.sleep(1500 + round * 500L);
                server.destroyForcibly(); // SIGKILL: no shutdown hook runs
                server.waitFor(10, TimeUnit.SECONDS);
                stop.set(true);
                for (Thread w : writers) {
                    w.join(10_000);
                }
            } finally {
                server.destroyForcibly();
            }
            assertThat(acknowledged)
                    .as("writes were acknowledged before the kill in round " + round)
                    .isNotEmpty();
            int checkPort = freePort();
            Process again = startServer(data, checkPort);
            try (LDAPConnection c = connect(checkPort)) {
                for (String dn : acknowledged) {
                    assertThat(c.getEntry(dn, "1.1"))
                            .as("acknowledged entry %s survives kill -9", dn)
                            .isNotNull();
                }
                int found = c.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=*)", "1.1")
                        .getEntryCount();
                assertThat(found).isGreaterThanOrEqualTo(acknowledged.size());
            } finally {
                again.destroy();
                again.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static void write(int port, int round, int writer, AtomicBoolean stop, Set<String> acknowledged) {
        try (LDAPConnection c = connect(port)) {
            for (int i = 0; !stop.get(); i++) {
                String dn = "uid=r" + round + "w" + writer + "n" + i + ",ou=people,dc=example,dc=com";
                c.add(
                        dn,
                        new Attribute("objectClass", "inetOrgPerson"),
                        new Attribute("uid", "r" + round + "w" + writer + "n" + i),
                        new Attribute("cn", "Crash Test"),
                        new Attribute("sn", "Test"));
                acknowledged.add(dn); // only after the server said success
            }
        } catch (LDAPException e) {
            // the server died under us: expected
        }
    }

    private static LDAPConnection connect(int port) throws LDAPException {
        LDAPException last = null;
        for (int i = 0; i < 200; i++) {
            try {
                return new LDAPConnection("127.0.0.1", port, "cn=admin,dc=example,dc=com", PASSWORD);
            } catch (LDAPException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private static Process startServer(Path data, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(
                java,
                "--add-opens",
                "java.base/java.nio=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.linden.cli.Main",
                "serve",
                "--suffix",
                "dc=example,dc=com",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString(),
                "--admin-password",
                PASSWORD,
                "--allow-plain-bind-on-loopback");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(new File(data.toFile(), "server-" + port + ".log"))
                .start();
        try (LDAPConnection c = connect(port)) {
            if (c.getEntry("ou=people,dc=example,dc=com") == null) {
                c.add(
                        "ou=people,dc=example,dc=com",
                        new Attribute("objectClass", "organizationalUnit"),
                        new Attribute("ou", "people"));
            }
        }
        return p;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
