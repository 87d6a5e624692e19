package dev.linden.cli.doctor;

import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerFrames;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One LDAP connection for doctor's checks, over the project's own codec: every call bounded by the
 * timeout, results returned as they come (a refusal is a finding, not an exception).
 */
final class LdapProbe implements AutoCloseable {
    private static final int MAX_PDU = 16 * 1024 * 1024;

    /** A search's entries (attribute values as bytes, by the name the server used) and its result. */
    record SearchOutcome(List<SearchResultEntry> entries, LdapResult result) {}

    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private int nextId = 1;

    private LdapProbe(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new DataInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    static Socket open(String host, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A plain connection to {@code host:port}. */
    static LdapProbe plain(String host, int port, int timeoutMillis) throws IOException {
        return new LdapProbe(open(host, port, timeoutMillis));
    }

    /**
     * An LDAPS connection: TLS from the first byte.
     *
     * @param serverName the name sent as SNI (unless an address), and checked against the certificate when
     *     {@code identify}
     * @param identify whether the certificate must name {@code serverName} (always when credentials follow)
     */
    static LdapProbe ldaps(
            String host, int port, int timeoutMillis, SSLContext tls, String serverName, boolean identify)
            throws IOException {
        Socket plain = open(host, port, timeoutMillis);
        try {
            return new LdapProbe(handshake(plain, serverName, port, tls, identify));
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /** The TLS handshake on a connected socket, naming {@code serverName} in SNI unless it is an address. */
    static SSLSocket handshake(Socket plain, String serverName, int port, SSLContext tls, boolean identify)
            throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, serverName, port, true);
        SSLParameters p = s.getSSLParameters();
        if (!Names.isAddress(serverName)) {
            p.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (identify) {
            p.setEndpointIdentificationAlgorithm("LDAPS"); // RFC 6125 name checks, as LDAP clients make them
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    /** Sends StartTLS and returns the server's result; on success, {@link #upgrade} must follow. */
    LdapResult startTls() throws IOException {
        return ((ExtendedResponse) request(new ExtendedRequest("1.3.6.1.4.1.1466.20037", null))
                        .get(0)
                        .op())
                .result();
    }

    /** The TLS handshake after a successful StartTLS; later requests travel protected. */
    SSLSocket upgrade(String serverName, SSLContext tls, boolean identify) throws IOException {
        SSLSocket s = handshake(socket, serverName, socket.getPort(), tls, identify);
        use(s);
        return s;
    }

    /** The connection's socket (before any upgrade: the plain one). */
    Socket socket() {
        return socket;
    }

    LdapResult bind(String dn, byte[] password) throws IOException {
        return ((BindResponse) request(BindRequest.simple(dn, password)).get(0).op()).result();
    }

    SearchOutcome search(String base, SearchScope scope, Filter filter, int sizeLimit, String... attributes)
            throws IOException {
        List<SearchResultEntry> entries = new ArrayList<>();
        LdapResult result = null;
        for (LdapMessage m : request(new SearchRequest(
                base, scope, DerefAliases.NEVER, sizeLimit, 10, false, filter, List.of(attributes)))) {
            if (m.op() instanceof SearchResultEntry e) {
                entries.add(e);
            } else if (m.op() instanceof SearchResultDone d) {
                result = d.result();
            }
        }
        return new SearchOutcome(entries, result);
    }

    /** The values of an attribute of an entry, as UTF-8 text, matched case-insensitively. */
    static List<String> values(SearchResultEntry e, String attribute) {
        List<String> out = new ArrayList<>();
        for (PartialAttribute a : e.attributes()) {
            if (a.type().equalsIgnoreCase(attribute)) {
                a.values().forEach(v -> out.add(new String(v, java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private List<LdapMessage> request(ProtocolOp op) throws IOException {
        int id = nextId++;
        out.write(LdapEncoder.encode(new LdapMessage(id, op)));
        out.flush();
        List<LdapMessage> responses = new ArrayList<>();
        while (true) {
            LdapMessage m = read();
            if (m.messageId() == 0 && m.op() instanceof ExtendedResponse notice) {
                throw new IOException("the server ended the connection: "
                        + notice.result().code().name() + " " + notice.result().diagnosticMessage());
            }
            if (m.messageId() != id) {
                continue;
            }
            responses.add(m);
            if (!(m.op() instanceof SearchResultEntry)
                    && !(m.op() instanceof SearchResultReference)
                    && !(m.op() instanceof IntermediateResponse)) {
                return responses;
            }
        }
    }

    private LdapMessage read() throws IOException {
        byte[] header = new byte[6];
        int have = 0;
        long length;
        try {
            while ((length = BerFrames.elementLength(header, have)) == BerFrames.NEED_MORE) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                header[have++] = (byte) b;
            }
            if (length > MAX_PDU) {
                throw new IOException("a response of " + length + " bytes");
            }
            byte[] pdu = new byte[(int) length];
            System.arraycopy(header, 0, pdu, 0, have);
            in.readFully(pdu, have, pdu.length - have);
            return LdapDecoder.decode(pdu);
        } catch (BerException e) {
            throw new IOException("not LDAP: " + e.getMessage(), e);
        }
    }

    static boolean isSuccess(LdapResult r) {
        return r != null && r.code() == ResultCode.SUCCESS;
    }

    @Override
    public void close() {
        try {
            out.write(LdapEncoder.encode(new LdapMessage(nextId++, new UnbindRequest())));
            out.flush();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
