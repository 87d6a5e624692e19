package dev.linden.server.replication;

import dev.linden.protocol.Control;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerFrames;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ExtendedResponse;
import dev.linden.protocol.op.ProtocolOp;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking LDAP client connection for a consumer: one thread writes requests and reads responses
 * with the project's own codec, over plain TCP, LDAPS, or StartTLS. Responses over the size cap end
 * the connection (a provider cannot make a consumer buffer without bound).
 */
final class LdapLink implements AutoCloseable {
    private static final String START_TLS = "1.3.6.1.4.1.1466.20037";
    private static final long MAX_PDU = 64L * 1024 * 1024;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int nextId = 1;
    private long bytesIn;

    private LdapLink(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
        this.out = s.getOutputStream();
    }

    /** Connects to {@code ldap://} or {@code ldaps://}, then StartTLS when asked; TLS checks the host name. */
    static LdapLink open(URI url, boolean startTls, SSLContext tls, int timeoutMillis) throws IOException {
        String host = url.getHost();
        boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : ldaps ? 636 : 389;
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), timeoutMillis);
        plain.setSoTimeout(timeoutMillis);
        plain.setTcpNoDelay(true);
        if (ldaps) {
            return new LdapLink(wrap(plain, tls, host, port));
        }
        LdapLink link = new LdapLink(plain);
        if (startTls) {
            try {
                LdapMessage reply = link.call(new ExtendedRequest(START_TLS, null));
                LdapResult result = ((ExtendedResponse) reply.op()).result();
                if (result.code() != ResultCode.SUCCESS) {
                    throw new IOException("StartTLS refused: "
                            + result.code().name().toLowerCase() + " " + result.diagnosticMessage());
                }
                link.use(wrap(plain, tls, host, port));
            } catch (IOException | RuntimeException e) {
                link.close();
                throw e;
            }
        }
        return link;
    }

    private static Socket wrap(Socket plain, SSLContext tls, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("LDAPS"); // the certificate must name the provider
        s.setSSLParameters(p);
        s.setUseClientMode(true);
        s.startHandshake();
        return s;
    }

    /** A simple bind; an empty DN with SASL EXTERNAL when {@code external} (the TLS client certificate speaks). */
    void bind(String dn, String password, boolean external) throws IOException {
        BindRequest request = external
                ? BindRequest.sasl("", "EXTERNAL", null)
                : BindRequest.simple(dn, password.getBytes(StandardCharsets.UTF_8));
        LdapResult result = ((BindResponse) call(request).op()).result();
        if (result.code() != ResultCode.SUCCESS) {
            throw new IOException("bind as " + (external ? "the client certificate" : dn) + " failed: "
                    + result.code().name().toLowerCase()
                    + (result.diagnosticMessage().isEmpty() ? "" : " (" + result.diagnosticMessage() + ")"));
        }
    }

    /** Sends a request; returns its message ID. */
    int send(ProtocolOp op, List<Control> controls) throws IOException {
        int id = nextId++;
        out.write(LdapEncoder.encode(new LdapMessage(id, op, controls)));
        out.flush();
        return id;
    }

    /** Sends a request and reads its single response. */
    private LdapMessage call(ProtocolOp op) throws IOException {
        int id = send(op, List.of());
        while (true) {
            LdapMessage m = read();
            if (m.messageId() == id) {
                return m;
            }
        }
    }

    /** The next message; a read timeout (the socket's) is a SocketTimeoutException. */
    LdapMessage read() throws IOException {
        byte[] header = new byte[6];
        int have = 0;
        long length;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the provider closed the connection");
            }
            header[have++] = (byte) b;
            try {
                length = BerFrames.elementLength(header, have);
            } catch (BerException e) {
                throw new IOException("malformed response from the provider: " + e.getMessage());
            }
            if (length != BerFrames.NEED_MORE) {
                break;
            }
            if (have == header.length) {
                throw new IOException("malformed response header from the provider");
            }
        }
        if (length > MAX_PDU) {
            throw new IOException("a response of " + length + " bytes from the provider is over the limit");
        }
        byte[] pdu = new byte[(int) length];
        System.arraycopy(header, 0, pdu, 0, have);
        int off = have;
        while (off < pdu.length) {
            int n = in.read(pdu, off, pdu.length - off);
            if (n < 0) {
                throw new EOFException("the provider closed the connection mid-response");
            }
            off += n;
        }
        bytesIn += pdu.length;
        try {
            return LdapDecoder.decode(pdu);
        } catch (BerException e) {
            throw new IOException("malformed response from the provider: " + e.getMessage());
        }
    }

    /** Whether a whole response may be waiting (to batch what is already here). */
    boolean hasBuffered() throws IOException {
        return in.available() > 0;
    }

    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    long bytesIn() {
        return bytesIn;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
