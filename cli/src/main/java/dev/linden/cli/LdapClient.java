package dev.linden.cli;

import dev.linden.core.Oids;
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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A small blocking LDAP client over the project's own codec, for the command line's look at a
 * running server: ldap:// (optionally with StartTLS) or ldaps://, a simple bind, a search.
 */
final class LdapClient implements AutoCloseable {
    private static final int MAX_PDU = 64 * 1024 * 1024;
    private static final int TIMEOUT_MILLIS = 30_000;

    /** How to trust the server's certificate: the JVM's CAs, the CAs in a PEM file, or anything (testing only). */
    record Trust(Path caFile, boolean any) {}

    /** A search result entry: its DN and attribute values by lower-case attribute name. */
    record Entry(String dn, Map<String, List<String>> attributes) {
        String first(String attribute) {
            List<String> v = attributes.get(attribute.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String attribute) {
            return attributes.getOrDefault(attribute.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** A result other than success. */
    static final class ResultException extends IOException {
        private static final long serialVersionUID = 1L;
        final ResultCode code;

        ResultException(String what, LdapResult result) {
            super(what + " failed: " + result.code().name().toLowerCase(Locale.ROOT) + " ("
                    + result.code().code() + ")"
                    + (result.diagnosticMessage().isEmpty() ? "" : ": " + result.diagnosticMessage()));
            this.code = result.code();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int nextId = 1;

    private LdapClient(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout(TIMEOUT_MILLIS);
        this.in = new DataInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    /** Connects to {@code ldap://host:port} or {@code ldaps://host:port}; {@code startTls} upgrades a plain one. */
    static LdapClient connect(String url, boolean startTls, Trust trust) throws IOException, GeneralSecurityException {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new IOException("the URL must start with ldap:// or ldaps://, not '" + url + "'");
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("ldaps") ? 636 : 389;
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        if (scheme.equals("ldaps")) {
            return new LdapClient(tls(plain, host, port, trust));
        }
        LdapClient client = new LdapClient(plain);
        if (startTls) {
            ExtendedResponse r = (ExtendedResponse) client.request(new ExtendedRequest(Oids.START_TLS, null))
                    .get(0)
                    .op();
            if (r.result().code() != ResultCode.SUCCESS) {
                client.close();
                throw new ResultException("StartTLS", r.result());
            }
            client.use(tls(plain, host, port, trust));
        }
        return client;
    }

    private static SSLSocket tls(Socket plain, String host, int port, Trust trust)
            throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(trust), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
        if (!trust.any()) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("LDAPS"); // the certificate must name the host
            s.setSSLParameters(p);
        }
        s.startHandshake();
        return s;
    }

    private static TrustManager[] trustManagers(Trust trust) throws IOException, GeneralSecurityException {
        if (trust.any()) {
            return new TrustManager[] {
                new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }
            };
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trust.caFile() == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream certs = Files.newInputStream(trust.caFile())) {
                int i = 0;
                for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(certs)) {
                    ks.setCertificateEntry("ca" + i++, cert);
                }
            }
            tmf.init(ks);
        }
        return tmf.getTrustManagers();
    }

    void bind(String dn, String password) throws IOException {
        BindResponse r = (BindResponse) request(BindRequest.simple(dn, password.getBytes(StandardCharsets.UTF_8)))
                .get(0)
                .op();
        if (r.result().code() != ResultCode.SUCCESS) {
            throw new ResultException("bind as " + dn, r.result());
        }
    }

    List<Entry> search(String base, SearchScope scope, Filter filter, String... attributes) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (LdapMessage m :
                request(new SearchRequest(base, scope, DerefAliases.NEVER, 0, 0, false, filter, List.of(attributes)))) {
            switch (m.op()) {
                case SearchResultEntry e -> {
                    Map<String, List<String>> attrs = new LinkedHashMap<>();
                    for (PartialAttribute a : e.attributes()) {
                        List<String> values =
                                attrs.computeIfAbsent(a.type().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                        a.values().forEach(v -> values.add(new String(v, StandardCharsets.UTF_8)));
                    }
                    entries.add(new Entry(e.dn(), attrs));
                }
                case SearchResultDone d -> {
                    if (d.result().code() != ResultCode.SUCCESS) {
                        throw new ResultException("search of " + base, d.result());
                    }
                }
                default -> {}
            }
        }
        return entries;
    }

    /** Sends one request and reads its responses up to the final one. */
    private List<LdapMessage> request(ProtocolOp op) throws IOException {
        int id = nextId++;
        out.write(LdapEncoder.encode(new LdapMessage(id, op)));
        out.flush();
        List<LdapMessage> responses = new ArrayList<>();
        while (true) {
            LdapMessage m = read();
            if (m.messageId() == 0 && m.op() instanceof ExtendedResponse notice) {
                throw new ResultException("the connection", notice.result()); // notice of disconnection
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
                throw new IOException("response of " + length + " bytes is too large");
            }
            byte[] pdu = new byte[(int) length];
            System.arraycopy(header, 0, pdu, 0, have);
            ((DataInputStream) in).readFully(pdu, have, pdu.length - have);
            return LdapDecoder.decode(pdu);
        } catch (BerException e) {
            throw new IOException("malformed response: " + e.getMessage(), e);
        }
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
