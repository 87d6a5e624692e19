package dev.linden.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, point 6: a client that sends 10,000 searches with ~128 KB answers each and never reads them
 * cannot grow the server, which runs in its own JVM so that its resident set can be measured. The
 * server stops reading the client once limits.maxOutstandingPerConnection requests are unanswered, its
 * operations wait while the socket is full (lending their threads to the others), and it closes the
 * connection once the socket has taken nothing for limits.writeTimeoutSeconds; meanwhile other clients
 * are served.
 *
 * <p>The server's heap is fixed and touched at start (-Xms = -Xmx, AlwaysPreTouch), so its resident set
 * starts at its full size and grows only with memory outside the heap, where queued responses sit
 * (Netty copies them into direct buffers for the socket); responses held on the heap instead would run
 * it out of memory and fail the other clients' searches checked here.
 */
class SlowReaderIT {
    private static final int WRITE_TIMEOUT_SECONDS = 5;
    private static final int MAX_OUTSTANDING = 64;
    private static final int BIG_ENTRIES = 16;
    private static final int SEARCHES = 10_000;
    private static final String BIG_BASE = "ou=big," + TestServer.SUFFIX;

    @Test
    void aClientThatNeverReadsCannotGrowTheServer() throws Exception {
        try (ServerProcess server = ServerProcess.start(
                        "limits: {writeTimeoutSeconds: " + WRITE_TIMEOUT_SECONDS + ", maxOutstandingPerConnection: "
                                + MAX_OUTSTANDING + "}\naccessLog: {enabled: false}\n",
                        List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"));
                LDAPConnection other = server.admin()) {
            // a server whose threads all wait for the client that does not read would never answer
            other.getConnectionOptions().setResponseTimeoutMillis(10_000);
            loadBigEntries(other);
            for (int i = 0; i < 100; i++) { // warm up: the same searches, read as they should be
                assertThat(bigEntry(other, i % BIG_ENTRIES)
                                .getAttribute("description")
                                .getValues())
                        .hasSize(32);
            }
            long before = server.rssKb();

            try (RawLdap raw = RawLdap.connect(server.port)) {
                // binds as the administrator and reads the result: the last thing this client ever reads
                assertThat(raw.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                        .isZero();
                AtomicInteger sent = new AtomicInteger();
                Thread writer = Thread.ofPlatform().daemon().start(() -> sendSearches(raw, sent));
                long start = System.nanoTime();
                long peak = before;
                long slowestOther = 0;
                int othersServed = 0;
                int maxExecuting = 0;
                Long closedAfter = null;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(WRITE_TIMEOUT_SECONDS + 20)) {
                    peak = Math.max(peak, server.rssKb());
                    long t = System.nanoTime();
                    assertThat(bigEntry(other, othersServed % BIG_ENTRIES)).isNotNull();
                    assertThat(other.getEntry(TestServer.SUFFIX, "dc")).isNotNull();
                    slowestOther = Math.max(slowestOther, System.nanoTime() - t);
                    othersServed++;
                    Integer executing = operationsOf(other, raw.socket.getLocalPort());
                    if (executing == null) {
                        closedAfter = System.nanoTime() - start;
                        break;
                    }
                    maxExecuting = Math.max(maxExecuting, executing);
                    Thread.sleep(200);
                }
                peak = Math.max(peak, server.rssKb());
                writer.join(5_000);
                long growthKb = peak - before;
                System.out.printf(
                        "SlowReaderIT: server RSS before %d KB, peak %d KB, growth %d KB; %d searches sent"
                                + " (into the kernel's buffers, mostly); at most %d operations of the client in progress; closed %.1f s"
                                + " after the client started; %d searches of another client served meanwhile, slowest %d ms%n",
                        before,
                        peak,
                        growthKb,
                        sent.get(),
                        maxExecuting,
                        closedAfter == null ? -1 : closedAfter / 1e9,
                        othersServed,
                        slowestOther / 1_000_000);

                assertThat(closedAfter)
                        .as("the server closed the connection that never reads")
                        .isNotNull();
                assertThat(closedAfter)
                        .as("not before the write timeout")
                        .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(WRITE_TIMEOUT_SECONDS));
                assertThat(closedAfter)
                        .as("within seconds of the write timeout")
                        .isLessThan(TimeUnit.SECONDS.toNanos(WRITE_TIMEOUT_SECONDS + 6));
                assertThat(growthKb)
                        .as("the server's resident set grows by less than 50 MB")
                        .isLessThan(50 * 1024);
                assertThat(maxExecuting)
                        .as("operations in progress for that client")
                        .isLessThanOrEqualTo(MAX_OUTSTANDING);
                assertThat(othersServed).isGreaterThan(3);
                assertThat(slowestOther)
                        .as("other clients are served promptly")
                        .isLessThan(TimeUnit.SECONDS.toNanos(3));
            }
            assertThat(bigEntry(other, 0)).as("and still are afterwards").isNotNull();
        }
    }

    private static void loadBigEntries(LDAPConnection c) throws Exception {
        c.add(BIG_BASE, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "big"));
        for (int i = 0; i < BIG_ENTRIES; i++) {
            List<String> values = new ArrayList<>();
            for (int v = 0; v < 32; v++) { // 32 values of 4,000 characters: a ~128 KB answer
                values.add(("entry " + i + " value " + v + " ").repeat(300).substring(0, 4000));
            }
            c.add(
                    "cn=big-" + i + "," + BIG_BASE,
                    new Attribute("objectClass", "person"),
                    new Attribute("cn", "big-" + i),
                    new Attribute("sn", "big"),
                    new Attribute("description", values));
        }
    }

    private static SearchResultEntry bigEntry(LDAPConnection c, int i) throws Exception {
        return c.getEntry("cn=big-" + i + "," + BIG_BASE, "description");
    }

    /** Operations in progress on the connection from that local port, as cn=Monitor tells; null when it is gone. */
    private static Integer operationsOf(LDAPConnection admin, int localPort) throws Exception {
        SearchResult connections = admin.search("cn=Connections,cn=Monitor", SearchScope.ONE, "(objectClass=*)", "+");
        for (SearchResultEntry e : connections.getSearchEntries()) {
            String peer = e.getAttributeValue("monitorConnectionPeerAddress");
            if (peer != null && peer.endsWith(":" + localPort)) {
                return e.getAttributeValueAsInteger("monitorConnectionOpsExecuting");
            }
        }
        return null;
    }

    /** Writes 10,000 searches of the big entries, as fast as the server takes them; never reads. */
    private static void sendSearches(RawLdap raw, AtomicInteger sent) {
        try {
            for (int i = 0; i < SEARCHES; i++) {
                raw.searchWithoutReading("cn=big-" + i % BIG_ENTRIES + "," + BIG_BASE, 1);
                sent.incrementAndGet();
            }
        } catch (IOException closedByTheServer) {
            // expected, in the end
        }
    }
}
