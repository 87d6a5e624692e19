package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/**
 * Throttling of password guessing and the per-address connection cap, over real sockets. Every
 * test client is on this machine: a second client address is 127.0.0.2 (all of 127.0.0.0/8 is
 * loopback on Linux), bound as the local end of the socket.
 */
class BindThrottleIT {
    static final String VICTIM = "uid=alice,ou=people,dc=example,dc=com";
    static final String OTHER = "uid=bob,ou=people,dc=example,dc=com";

    /** Sockets whose local end is {@code local}. */
    static SocketFactory from(String local) {
        return new SocketFactory() {
            private InetAddress localAddress() throws IOException {
                return InetAddress.getByName(local);
            }

            @Override
            public Socket createSocket() throws IOException {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(localAddress(), 0));
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return new Socket(host, port, localAddress(), 0);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return new Socket(host, port, localAddress(), 0);
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return new Socket(host, port, localAddress(), 0);
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return new Socket(address, port, localAddress(), 0);
            }
        };
    }

    /** Binds on a new connection; returns the result code and how long the bind took (ms). */
    static long[] timedBind(TestServer server, String local, String dn, String password) throws LDAPException {
        try (LDAPConnection c =
                new LDAPConnection(from(local), new LDAPConnectionOptions(), "127.0.0.1", server.port())) {
            long start = System.nanoTime();
            int code;
            try {
                code = c.bind(dn, password).getResultCode().intValue();
            } catch (LDAPException e) {
                code = e.getResultCode().intValue();
            }
            return new long[] {code, (System.nanoTime() - start) / 1_000_000};
        }
    }

    @Test
    void guessingIsSlowedThenRefusedWhileOthersBindPromptly() throws Exception {
        // slowed from the 2nd failure of an account or the 3rd of an address, 1 s doubling to 2 s; the address is
        // refused from its 4th failure for a minute. No lockout, to see the throttle alone. (Delays are long so
        // that "not slowed" stays far from "slowed" on a busy machine.)
        String config = """
                passwordPolicy: {lockout: false}
                throttle: {windowSeconds: 60, accountDelayAfter: 2, addressDelayAfter: 3, baseDelayMillis: 1000,
                           maxDelayMillis: 2000, addressBlockAfter: 4, blockSeconds: 60}
                """;
        try (TestServer server = TestServer.memory(config).loadResource("sample.ldif")) {
            timedBind(server, "127.0.0.4", "uid=carol,ou=people,dc=example,dc=com", "carol-password"); // warm up
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long[] r = timedBind(server, "127.0.0.1", VICTIM, "guess-" + i);
                assertThat(r[0]).as("guess %d", i).isEqualTo(ResultCode.INVALID_CREDENTIALS.intValue());
                times.add(r[1]);
            }
            assertThat(times.subList(0, 2))
                    .as("the first guesses are not slowed")
                    .allMatch(t -> t < 1_000);
            assertThat(times.get(2)).as("after 2 failures of the account").isGreaterThanOrEqualTo(1_000);
            assertThat(times.get(3)).as("then twice as long (the cap)").isGreaterThanOrEqualTo(2_000);

            // the 4th failure blocked 127.0.0.1: refused before the password is looked at, even the right one
            long start = System.nanoTime();
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                LDAPException e = org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPException.class, () -> c.bind(OTHER, "bob-password"));
                assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                assertThat(e.getDiagnosticMessage()).contains("too many failed binds from this address");
            }
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("refused without a wait")
                    .isLessThan(1_000);

            // another account from another address binds promptly
            long[] other = timedBind(server, "127.0.0.2", OTHER, "bob-password");
            assertThat(other[0]).isEqualTo(ResultCode.SUCCESS.intValue());
            assertThat(other[1]).isLessThan(1_000);

            // the guessed account itself is still slowed down, from any address; without a lockout the right
            // password still works
            long[] victim = timedBind(server, "127.0.0.3", VICTIM, "alice-password");
            assertThat(victim[0]).isEqualTo(ResultCode.SUCCESS.intValue());
            assertThat(victim[1]).isGreaterThanOrEqualTo(2_000);

            SecurityCounters.Snapshot counters = server.securityCounters();
            assertThat(counters.addressBlocks()).isEqualTo(1);
            assertThat(counters.blockedAddressesNow()).isEqualTo(1);
            assertThat(counters.delayedBinds()).isEqualTo(3);
            assertThat(counters.failedBinds().get(SecurityCounters.BindFailure.THROTTLED))
                    .isEqualTo(1);
        }
    }

    @Test
    void connectionsBeyondThePerAddressCapAreClosed() throws Exception {
        try (TestServer server = TestServer.memory("limits: {maxConnectionsPerAddress: 3}\n")) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    open.add(s);
                    assertThat(rootDseAnswers(s))
                            .as("connection %d within the cap", i)
                            .isTrue();
                }
                Socket extra = new Socket("127.0.0.1", server.port());
                open.add(extra);
                assertThat(closedByServer(extra))
                        .as("the 4th connection from 127.0.0.1")
                        .isTrue();

                Socket elsewhere = new Socket(
                        InetAddress.getByName("127.0.0.1"), server.port(), InetAddress.getByName("127.0.0.2"), 0);
                open.add(elsewhere);
                assertThat(rootDseAnswers(elsewhere))
                        .as("another address has its own count")
                        .isTrue();

                open.get(0).close(); // one closes: room for another (once the server has seen the close)
                boolean admitted = false;
                for (int attempt = 0; attempt < 50 && !admitted; attempt++) {
                    Thread.sleep(20);
                    Socket again = new Socket("127.0.0.1", server.port());
                    open.add(again);
                    admitted = rootDseAnswers(again);
                }
                assertThat(admitted).isTrue();
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    /** Sends a base search of the root DSE (message 1) and says whether a response comes back. */
    static boolean rootDseAnswers(Socket s) throws IOException {
        // SEQUENCE { 1, [APPLICATION 3] { "", base, never, 0, 0, false, (objectClass=*), {} } }
        byte[] request = java.util.HexFormat.of()
                .parseHex("3025020101632004000a01000a0100020100020100010100870b6f626a656374436c617373" + "3000");
        s.getOutputStream().write(request);
        s.setSoTimeout(2_000);
        try {
            return s.getInputStream().read() == 0x30;
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return false;
        }
    }

    /** Whether the server closes the connection (after its Notice of Disconnection, if it sends one). */
    static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(2_000);
        try {
            InputStream in = s.getInputStream();
            byte[] notice = new byte[512];
            while (in.read(notice) >= 0) {
                // the notice: then the end
            }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
