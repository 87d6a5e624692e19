package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The demo is ready when it listens: the sample data is loaded before the port opens, so a client
 * that connects the moment it can finds the sample users (it used to find an empty directory for
 * the second or so the load took).
 */
class DemoReadyIT {
    @Test
    void aClientThatConnectsAsSoonAsThePortAcceptsFindsTheSampleUsers() throws Exception {
        Launcher.ensureBuilt();
        Path dir = TestServer.tempDir("linden-demo");
        int port = Launcher.freePort();
        int ldaps = Launcher.freePort();
        try (Launcher.Running demo = Launcher.start(
                dir,
                "demo",
                "--port",
                Integer.toString(port),
                "--ldaps-port",
                Integer.toString(ldaps),
                "--data",
                "demo-data")) {
            awaitAccepting(demo, port);
            // at once: plain binds from this machine are allowed by the demo
            try (LDAPConnection c =
                    new LDAPConnection("127.0.0.1", port, "cn=admin,dc=example,dc=com", "linden-demo")) {
                SearchResult people = c.search("ou=people,dc=example,dc=com", SearchScope.ONE, "(uid=*)", "uid");
                assertThat(people.getSearchEntries())
                        .extracting(e -> e.getAttributeValue("uid"))
                        .containsExactlyInAnyOrder("alice", "bob", "carol", "dave", "erin");
            }
            demo.awaitReady();
            assertThat(demo.output()).contains("sample data loaded").doesNotContain("WARNING:");
        }
    }

    /** Polls the port every few milliseconds until a TCP connection is accepted. */
    private static void awaitAccepting(Launcher.Running demo, int port) throws Exception {
        long deadline = System.nanoTime() + Launcher.START.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (java.io.IOException e) {
                if (!demo.process.isAlive()) {
                    throw new AssertionError("the demo ended:\n" + demo.output());
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("the demo did not listen on " + port + ":\n" + demo.output());
    }
}
