package dev.linden.it.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DisconnectType;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, point 7: a full server makes room for a new client by closing the connection idle longest,
 * unauthenticated first, with a Notice of Disconnection; a connection with an operation in flight is
 * never chosen, and only when every connection is busy is the new client refused.
 */
class FullServerIT {
    private static final String BIG = "cn=big,ou=people," + TestServer.SUFFIX;

    @Test
    void aNewClientIsServedAndTheLongestIdleUnauthenticatedConnectionMakesRoom() throws Exception {
        try (TestServer server =
                        TestServer.memory("limits: {maxConnections: 5}\n").loadResource("sample.ldif");
                LDAPConnection admin = new LDAPConnection(
                        "127.0.0.1",
                        server.port(),
                        TestServer.ADMIN_DN,
                        TestServer.ADMIN_PASSWORD)) { // the 1st connection, bound, and the longest idle of all
            addBigEntry(admin);
            List<LDAPConnection> open = new ArrayList<>();
            try (RawLdap busy = RawLdap.connectReceivingAtMost(server.port(), 64 * 1024)) { // the 2nd: never idle
                assertThat(busy.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                        .isZero();
                busy.searchWithoutReading(BIG, 200); // 25 MB of answers it never reads: its searches wait
                LDAPConnection oldAnonymous = connect(server, open); // the 3rd
                LDAPConnection newAnonymous = connect(server, open); // the 4th
                LDAPConnection bob = connect(server, open); // the 5th
                bob.bind("uid=bob,ou=people," + TestServer.SUFFIX, "bob-password");
                for (LDAPConnection c : List.of(oldAnonymous, newAnonymous)) { // in this order: the old one stays older
                    assertThat(c.getRootDSE()).isNotNull();
                }

                LDAPConnection first = connect(server, open);
                assertThat(first.getRootDSE()).as("a 6th client is served").isNotNull();
                assertClosedWithNotice(oldAnonymous);
                for (LDAPConnection c : List.of(admin, newAnonymous, bob)) {
                    assertThat(c.getRootDSE())
                            .as("connections other than the longest-idle anonymous one stay")
                            .isNotNull();
                }

                LDAPConnection second = connect(server, open);
                assertThat(second.getRootDSE()).isNotNull();
                assertClosedWithNotice(
                        first); // the longest-idle anonymous one now: it read the root DSE before the rest
                LDAPConnection third = connect(server, open);
                assertThat(third.getRootDSE()).isNotNull();
                assertClosedWithNotice(newAnonymous);

                second.close(); // no unauthenticated connection idle any more: the longest-idle bound one goes
                third.close();
                Thread.sleep(300); // for the server to see them close
                LDAPConnection alice = connect(server, open);
                alice.bind("uid=alice,ou=people," + TestServer.SUFFIX, "alice-password");
                LDAPConnection carol = connect(server, open);
                carol.bind("uid=carol,ou=people," + TestServer.SUFFIX, "carol-password");
                LDAPConnection fourth = connect(server, open);
                assertThat(fourth.getRootDSE()).isNotNull();
                assertClosedWithNotice(admin); // bound, and idle since before bob's last search
                for (LDAPConnection c : List.of(bob, alice, carol)) {
                    assertThat(c.getRootDSE()).isNotNull();
                }
                assertThat(busy.closedByServer(500))
                        .as("the connection with searches in flight is never chosen")
                        .isFalse();
            } finally {
                open.forEach(LDAPConnection::close);
            }
        }
    }

    @Test
    void whenEveryConnectionIsBusyANewClientIsRefused() throws Exception {
        try (TestServer server =
                TestServer.memory("limits: {maxConnections: 1}\n").loadResource("sample.ldif")) {
            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                addBigEntry(admin);
            }
            try (RawLdap busy = RawLdap.connectReceivingAtMost(server.port(), 64 * 1024)) {
                assertThat(busy.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                        .isZero();
                busy.searchWithoutReading(BIG, 200);
                Thread.sleep(300); // the searches start and wait for the client to read
                try (RawLdap refused = RawLdap.connect(server.port())) {
                    assertThat(refused.closedByServer(5_000))
                            .as("no idle connection to close: refused")
                            .isTrue();
                }
                assertThat(busy.closedByServer(500)).isFalse();
            }
        }
    }

    private static LDAPConnection connect(TestServer server, List<LDAPConnection> open) throws Exception {
        LDAPConnection c = new LDAPConnection("127.0.0.1", server.port());
        open.add(c);
        return c;
    }

    private static void assertClosedWithNotice(LDAPConnection c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); // generous: a loaded machine
        while (c.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(c.isConnected()).as("the longest-idle connection was closed").isFalse();
        assertThat(c.getDisconnectType()).isEqualTo(DisconnectType.SERVER_CLOSED_WITH_NOTICE);
        assertThat(c.getDisconnectMessage()).contains("idle longest");
    }

    /** An entry of ~128 KB, so that a client asking for it many times and not reading fills its socket. */
    private static void addBigEntry(LDAPConnection admin) throws Exception {
        List<String> values = new ArrayList<>();
        for (int v = 0; v < 32; v++) {
            values.add(("value " + v + " ").repeat(500).substring(0, 4000));
        }
        assertThat(admin.add(
                                BIG,
                                new Attribute("objectClass", "person"),
                                new Attribute("cn", "big"),
                                new Attribute("sn", "big"),
                                new Attribute("description", values))
                        .getResultCode())
                .isEqualTo(ResultCode.SUCCESS);
    }
}
