package dev.linden.it.transport;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A bare LDAP client over a socket, for what ordinary client libraries do not do on purpose: send
 * requests and never read the answers, or hold thousands of idle connections cheaply. Messages are
 * encoded and decoded by the UnboundID SDK's protocol classes.
 */
final class RawLdap implements AutoCloseable {
    static final String NOTICE_OF_DISCONNECTION = "1.3.6.1.4.1.1466.20036";
    final Socket socket;
    private ASN1StreamReader reader; // made on the first read: thousands of idle connections need none
    private int nextId = 1;

    private RawLdap(Socket socket) {
        this.socket = socket;
    }

    static RawLdap connect(int port) throws IOException {
        return new RawLdap(new Socket("127.0.0.1", port));
    }

    /**
     * A connection whose socket takes at most about {@code receiveBufferBytes} unread (the size is set
     * before connecting, which also stops the kernel growing it): the room a test that never reads can
     * count on, whatever this machine's TCP buffer settings.
     */
    static RawLdap connectReceivingAtMost(int port, int receiveBufferBytes) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBufferBytes);
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new RawLdap(s);
    }

    /** A connection from {@code local}, one of the loopback addresses (127.0.0.0/8), to the server on 127.0.0.1. */
    static RawLdap connect(InetAddress local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new RawLdap(s);
    }

    /** Sends a simple bind and reads its result code. */
    int bind(String dn, String password) throws IOException, LDAPException {
        send(new LDAPMessage(nextId++, new BindRequestProtocolOp(dn, password)));
        return read().getBindResponseProtocolOp().getResultCode();
    }

    /** Sends a base search of the root DSE, and reads the entry and the result: whether the server answered. */
    boolean rootDseAnswers() throws IOException, LDAPException {
        int id = nextId++;
        send(new LDAPMessage(
                id,
                new SearchRequestProtocolOp(
                        "",
                        SearchScope.BASE,
                        DereferencePolicy.NEVER,
                        0,
                        0,
                        false,
                        Filter.createPresenceFilter("objectClass"),
                        List.of("namingContexts"))));
        LDAPMessage entry = read();
        LDAPMessage done = read();
        return entry.getMessageID() == id
                && done.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_DONE
                && done.getSearchResultDoneProtocolOp().getResultCode() == 0;
    }

    /**
     * Sends a base search of the root DSE and reads until its answer, past whatever was queued before
     * it, counting the search entries of earlier searches in {@code entries[0]}: whether the server answered it.
     */
    boolean rootDseAnswersAfterWhatIsQueued(int[] entries) throws IOException, LDAPException {
        int id = nextId++;
        send(new LDAPMessage(
                id,
                new SearchRequestProtocolOp(
                        "",
                        SearchScope.BASE,
                        DereferencePolicy.NEVER,
                        0,
                        0,
                        false,
                        Filter.createPresenceFilter("objectClass"),
                        List.of("namingContexts"))));
        while (true) {
            LDAPMessage m = read();
            if (m.getProtocolOpType() != LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_DONE) {
                entries[0] += m.getMessageID() != id
                                && m.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY
                        ? 1
                        : 0;
            } else if (m.getMessageID() == id) {
                return m.getSearchResultDoneProtocolOp().getResultCode() == 0;
            }
        }
    }

    /** Sends base searches of {@code dn} without reading anything. */
    void searchWithoutReading(String dn, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            send(new LDAPMessage(
                    nextId++,
                    new SearchRequestProtocolOp(
                            dn,
                            SearchScope.BASE,
                            DereferencePolicy.NEVER,
                            0,
                            0,
                            false,
                            Filter.createPresenceFilter("objectClass"),
                            List.of("*"))));
        }
    }

    /** Reads the next message, which must be a Notice of Disconnection; returns its result code. */
    int readNotice() throws IOException, LDAPException {
        LDAPMessage m = read();
        if (m.getProtocolOpType() != LDAPMessage.PROTOCOL_OP_TYPE_EXTENDED_RESPONSE) {
            throw new IllegalStateException("expected a Notice of Disconnection, got " + m);
        }
        ExtendedResponseProtocolOp notice = m.getExtendedResponseProtocolOp();
        if (m.getMessageID() != 0 || !NOTICE_OF_DISCONNECTION.equals(notice.getResponseOID())) {
            throw new IllegalStateException("expected a Notice of Disconnection, got " + m);
        }
        return notice.getResultCode();
    }

    /** Whether the server has closed the connection: reads to the end (for a connection nothing is expected on). */
    boolean closedByServer(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // skip whatever came before the end
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    void send(LDAPMessage message) throws IOException {
        socket.getOutputStream().write(message.encode().encode());
    }

    LDAPMessage read() throws IOException, LDAPException {
        socket.setSoTimeout(10_000);
        if (reader == null) {
            reader = new ASN1StreamReader(socket.getInputStream());
        }
        LDAPMessage m = LDAPMessage.readFrom(reader, false);
        if (m == null) {
            throw new IOException("the server closed the connection");
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
