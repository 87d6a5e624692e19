package dev.linden.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, point 6, in one JVM: requests past limits.maxOutstandingPerConnection wait and are all
 * answered in time, and a client whose searches wait for it to read can still abandon them (Abandon
 * is never held back), which ends them at once instead of at the write timeout.
 */
class FlowControlIT {
    private static final String BIG = "cn=big,ou=people," + TestServer.SUFFIX;

    @Test
    void aClientPipeliningPastTheBoundGetsEveryAnswer() throws Exception {
        try (TestServer server = TestServer.memory("limits: {maxOutstandingPerConnection: 4}\n")
                        .loadResource("sample.ldif");
                RawLdap client = RawLdap.connect(server.port())) {
            assertThat(client.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                    .isZero();
            int requests = 2_000;
            client.searchWithoutReading("uid=alice,ou=people," + TestServer.SUFFIX, requests); // ids 2 ... 2001
            Set<Integer> done = new HashSet<>();
            int entries = 0;
            while (done.size() < requests) {
                LDAPMessage m = client.read();
                if (m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY) {
                    entries++;
                } else {
                    assertThat(m.getSearchResultDoneProtocolOp().getResultCode())
                            .isZero();
                    assertThat(done.add(m.getMessageID())).isTrue();
                }
            }
            assertThat(entries).isEqualTo(requests);
            assertThat(done).hasSize(requests).allMatch(id -> id >= 2 && id < requests + 2);
        }
    }

    @Test
    void searchesWaitingForAClientToReadEndWhenAbandoned() throws Exception {
        try (TestServer server = TestServer.memory("").loadResource("sample.ldif");
                LDAPConnection admin =
                        new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
                // a small receive buffer: where the kernel may grow it to 32 MB, 64 answers fit and none waits
                RawLdap client = RawLdap.connectReceivingAtMost(server.port(), 64 * 1024)) {
            addBigEntry(admin);
            assertThat(client.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                    .isZero();
            client.searchWithoutReading(BIG, 64); // ids 2 ... 65: 32 MB of answers, more than the sockets take
            int port = client.socket.getLocalPort();
            assertThat(eventually(() -> executing(admin, port) > 0))
                    .as("searches wait for the client")
                    .isTrue();
            Thread.sleep(300);
            int waiting = executing(admin, port);
            assertThat(waiting).isPositive();

            for (int id = 2; id <= 65; id++) {
                client.send(new LDAPMessage(100 + id, new AbandonRequestProtocolOp(id)));
            }
            // those waiting for room end now; those whose result is already queued stay until the client reads
            assertThat(eventually(() -> executing(admin, port) < waiting))
                    .as("abandoned, they end")
                    .isTrue();
            int left = executing(admin, port);
            int[] entries = {0};
            assertThat(client.rootDseAnswersAfterWhatIsQueued(entries))
                    .as("and the connection serves on")
                    .isTrue();
            assertThat(entries[0])
                    .as("entries of the abandoned searches are not sent")
                    .isLessThan(64);
            System.out.printf(
                    "FlowControlIT: of %d searches in progress, waiting for the client to read, %d ended when"
                            + " abandoned; the client then received %d entries of 64%n",
                    waiting, waiting - left, entries[0]);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean eventually(Condition c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (c.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Operations in progress on the connection from that local port, as cn=Monitor tells (-1: no such connection). */
    private static int executing(LDAPConnection admin, int localPort) throws Exception {
        for (SearchResultEntry e : admin.search("cn=Connections,cn=Monitor", SearchScope.ONE, "(objectClass=*)", "+")
                .getSearchEntries()) {
            String peer = e.getAttributeValue("monitorConnectionPeerAddress");
            if (peer != null && peer.endsWith(":" + localPort)) {
                return e.getAttributeValueAsInteger("monitorConnectionOpsExecuting");
            }
        }
        return -1;
    }

    private static void addBigEntry(LDAPConnection admin) throws Exception {
        List<String> values = new ArrayList<>();
        for (int v = 0; v < 128; v++) { // 512 KB: 64 answers are 32 MB, more than any socket buffers here
            values.add(("value " + v + " ").repeat(500).substring(0, 4000));
        }
        admin.add(
                BIG,
                new Attribute("objectClass", "person"),
                new Attribute("cn", "big"),
                new Attribute("sn", "big"),
                new Attribute("description", values));
    }
}
