package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.LDAPResponse;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.protocol.SearchResultEntryProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.testkit.TestServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A search returning a huge group streams the member values from the store in pieces (the entry is
 * never whole in memory): the pieces must still make one LDAP message that no other message of the
 * connection lands inside, whatever the client does meanwhile (it reads slowly, abandons the
 * search, sends other requests, or goes away).
 */
class HugeGroupStreamingIT {
    /**
     * About 45 bytes a member: past twice what the kernel lets a socket's send buffer grow to (4 MB
     * here: 200,000 members, 9 MB), so that the server is still sending when the client acts.
     */
    static final int MEMBERS = Math.max(200_000, (int) (2 * largestSendBuffer() / 45));

    static final String BIG = "cn=big," + HugeGroupIT.GROUPS;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.lmdb(TestServer.tempDir("linden-huge-stream"), "")
                .loadResource("sample.ldif")
                .loadLdif(HugeGroupIT.ldif(3, "big", MEMBERS));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long largestSendBuffer() {
        try {
            String[] wmem = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/tcp_wmem"))
                    .trim()
                    .split("\\s+");
            return Long.parseLong(wmem[2]);
        } catch (java.io.IOException | RuntimeException e) {
            return 4 << 20;
        }
    }

    /** A raw connection with a small receive window, so the server must wait for the client to read. */
    static Socket slowReader() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        s.setSoTimeout(30_000);
        return s;
    }

    static void send(OutputStream out, LDAPMessage m) throws Exception {
        out.write(m.encode().encode());
        out.flush();
    }

    static LDAPMessage search(int id, String base, String... attributes) {
        return new LDAPMessage(
                id,
                new SearchRequestProtocolOp(
                        base,
                        SearchScope.BASE,
                        DereferencePolicy.NEVER,
                        0,
                        0,
                        false,
                        Filter.createPresenceFilter("objectClass"),
                        List.of(attributes)));
    }

    static ASN1StreamReader boundAsAdmin(Socket s) throws Exception {
        ASN1StreamReader in = new ASN1StreamReader(s.getInputStream(), 64 << 20);
        send(
                s.getOutputStream(),
                new LDAPMessage(1, new BindRequestProtocolOp(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)));
        LDAPResponse bind = LDAPMessage.readLDAPResponseFrom(in, true);
        assertThat(bind).isNotNull();
        return in;
    }

    @Test
    void anAbandonAndOtherRequestsWhileTheGroupIsOnItsWayLeaveItWholeAndTheConnectionUsable() throws Exception {
        try (Socket s = slowReader()) {
            ASN1StreamReader in = boundAsAdmin(s);
            OutputStream out = s.getOutputStream();
            send(out, search(2, BIG, "member"));
            Thread.sleep(500); // the server has sent what the sockets hold and waits for the client
            send(out, new LDAPMessage(3, new AbandonRequestProtocolOp(2)));
            for (int id = 4; id < 8; id++) { // answered by other workers meanwhile
                send(out, search(id, "dc=example,dc=com", "dc"));
            }
            List<String> seen = new ArrayList<>();
            int members = -1;
            int done = 0;
            while (done < 4) {
                LDAPMessage m = LDAPMessage.readFrom(in, true); // fails on anything that is not whole messages
                assertThat(m).as("the connection closed after %s", seen).isNotNull();
                seen.add(m.getMessageID() + ":" + m.getProtocolOpType());
                if (m.getMessageID() == 2) {
                    assertThat(m.getProtocolOp())
                            .as("no final response for an abandoned search")
                            .isInstanceOf(SearchResultEntryProtocolOp.class);
                    members = ((SearchResultEntryProtocolOp) m.getProtocolOp())
                            .getAttributes()
                            .get(0)
                            .getValues()
                            .length;
                } else if (m.getProtocolOp() instanceof SearchResultDoneProtocolOp d) {
                    assertThat(d.getResultCode()).isEqualTo(ResultCode.SUCCESS.intValue());
                    done++;
                }
            }
            // the entry was on its way when the abandon came: it is finished, not cut short
            assertThat(members)
                    .as("member values of the streamed entry; messages: %s", seen)
                    .isEqualTo(MEMBERS);
        }
    }

    @Test
    void aClientLeavingHalfWayDoesNotStopTheServerFromStreamingToOthers() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Socket s = slowReader()) {
                ASN1StreamReader in = boundAsAdmin(s);
                send(s.getOutputStream(), search(2, BIG, "member"));
                Thread.sleep(200);
                in.close();
            }
        }
        try (LDAPConnection c =
                new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            for (int i = 0; i < 2; i++) { // several times: each must be whole
                assertThat(c.getEntry(BIG, "member", "cn").getAttributeValues("member"))
                        .hasSize(MEMBERS)
                        .contains(HugeGroupIT.user(MEMBERS));
            }
        }
    }
}
