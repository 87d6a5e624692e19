package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapTags;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ExtendedResponse;
import dev.linden.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes on a real socket: each gets a Notice of Disconnection and a closed connection, never a
 * hang or a crash, and the server keeps serving others.
 */
class MalformedInputIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory("limits: {maxPduAnonymousBytes: 4096, maxPduBytes: 65536, idleTimeoutSeconds: 2}\n")
                .loadResource("sample.ldif");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void serverStillServes() throws Exception {
        try (LDAPConnection c =
                new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(c.getEntry("uid=alice,ou=people,dc=example,dc=com")).isNotNull();
        }
    }

    /** Sends the bytes, then reads until the server closes; returns what it sent back. */
    static byte[] exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
            return got.toByteArray();
        }
    }

    static void assertNoticeOfDisconnection(byte[] response) throws Exception {
        assertThat(response).as("the server answers before closing").isNotEmpty();
        LdapMessage m = LdapDecoder.decode(response);
        assertThat(m.messageId()).isZero();
        ExtendedResponse notice = (ExtendedResponse) m.op();
        assertThat(notice.oid()).isEqualTo(LdapTags.NOTICE_OF_DISCONNECTION);
        assertThat(notice.result().code()).isEqualTo(ResultCode.PROTOCOL_ERROR);
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        assertNoticeOfDisconnection(exchange("GET / HTTP/1.1\r\n\r\n".getBytes()));
    }

    @Test
    void unknownOperationTagIsAProtocolError() throws Exception {
        // SEQUENCE { messageID 1, [APPLICATION 30] NULL }
        assertNoticeOfDisconnection(exchange(HexFormat.of().parseHex("30050201015e00")));
    }

    @Test
    void indefiniteLengthIsAProtocolError() throws Exception {
        assertNoticeOfDisconnection(exchange(HexFormat.of().parseHex("3080020101420000")));
    }

    @Test
    void oversizedRequestIsRefusedFromItsHeader() throws Exception {
        // claims 1 GiB: refused before the server buffers anything
        assertNoticeOfDisconnection(exchange(HexFormat.of().parseHex("30844000000002010142")));
    }

    @Test
    void anonymousLimitIsSmallerThanTheBoundOne() throws Exception {
        byte[] big = new byte[8000];
        java.util.Arrays.fill(big, (byte) 'a');
        // a 8 KB search request from an unbound client exceeds the 4 KB anonymous limit
        var w = new dev.linden.protocol.ber.BerWriter();
        dev.linden.protocol.LdapEncoder.encode(
                new LdapMessage(
                        1,
                        new dev.linden.protocol.op.SearchRequest(
                                new String(big),
                                dev.linden.protocol.SearchScope.BASE,
                                dev.linden.protocol.DerefAliases.NEVER,
                                0,
                                0,
                                false,
                                new dev.linden.protocol.filter.Filter.Present("objectClass"),
                                java.util.List.of())),
                w);
        assertNoticeOfDisconnection(exchange(w.toByteArray()));
    }

    @Test
    void truncatedRequestThenCloseIsHarmless() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(HexFormat.of().parseHex("300c0201016007020103"));
            s.shutdownOutput(); // half-closed mid-PDU
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1e9).isBetween(1.0, 9.0);
        }
    }

    @Test
    void randomBytesNeverHangTheServer() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            junk[0] = 0x30;
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write(junk);
                s.shutdownOutput();
                byte[] buf = new byte[4096];
                while (s.getInputStream().read(buf) >= 0) {
                    // drain until the server closes
                }
            }
        }
    }
}
