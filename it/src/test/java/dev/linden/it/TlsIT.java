package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.linden.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.directory.InitialDirContext;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LDAPS and StartTLS with OpenLDAP's tools, JNDI and the UnboundID SDK; TLS versions; binds that need TLS. */
class TlsIT {
    static TestServer server;
    static Path trustStore;

    @BeforeAll
    static void start() throws Exception {
        // loopback is not exempt here: a simple bind needs TLS even from this machine
        server = TestServer.memoryWithTls("security: {requireTlsForBind: true, loopbackExempt: false}\n")
                .loadResource("sample.ldif");
        trustStore = Files.createTempFile("trust", ".p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("linden", certificate());
        try (var out = Files.newOutputStream(trustStore)) {
            ks.store(out, "changeit".toCharArray());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static X509Certificate certificate() throws Exception {
        try (InputStream in = Files.newInputStream(server.certificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static SSLContext clientContext(String protocol) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trustStore)) {
            ks.load(in, "changeit".toCharArray());
        }
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static OpenLdapToolsIT.Run tool(String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of("env", "LDAPTLS_CACERT=" + server.certificate(), "LDAPTLS_REQCERT=demand"));
        cmd.addAll(List.of(args));
        return OpenLdapToolsIT.run(null, cmd.toArray(String[]::new));
    }

    @Test
    void ldapsearchOverLdaps() throws Exception {
        var r = tool(
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                "ldaps://localhost:" + server.ldapsPort(),
                "-D",
                TestServer.ADMIN_DN,
                "-w",
                TestServer.ADMIN_PASSWORD,
                "-b",
                "dc=example,dc=com",
                "(uid=alice)",
                "mail");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("mail: alice@example.com");
    }

    @Test
    void ldapsearchWithStartTls() throws Exception {
        var r = tool(
                "ldapsearch",
                "-x",
                "-ZZ",
                "-LLL",
                "-H",
                "ldap://localhost:" + server.port(),
                "-D",
                TestServer.ADMIN_DN,
                "-w",
                TestServer.ADMIN_PASSWORD,
                "-b",
                "dc=example,dc=com",
                "(uid=bob)",
                "mail");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("mail: bob@example.com");
        var whoami = tool(
                "ldapwhoami",
                "-x",
                "-ZZ",
                "-H",
                "ldap://localhost:" + server.port(),
                "-D",
                "uid=carol,ou=people,dc=example,dc=com",
                "-w",
                "carol-password");
        assertThat(whoami.out().strip()).isEqualTo("dn:uid=carol,ou=people,dc=example,dc=com");
    }

    @Test
    void simpleBindWithoutTlsIsConfidentialityRequired() throws Exception {
        var r = OpenLdapToolsIT.run(
                null,
                "ldapwhoami",
                "-x",
                "-H",
                server.url(),
                "-D",
                "uid=carol,ou=people,dc=example,dc=com",
                "-w",
                "carol-password");
        assertThat(r.exit()).isEqualTo(13);
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            assertThatThrownBy(() -> c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED));
            // the root DSE says how to get TLS
            RootDSE dse = c.getRootDSE();
            assertThat(dse.getSupportedExtendedOperationOIDs()).contains(StartTLSExtendedRequest.STARTTLS_REQUEST_OID);
            // after StartTLS the same bind works
            SSLContext tls = clientContext("TLSv1.3");
            ExtendedResult started = c.processExtendedOperation(new StartTLSExtendedRequest(tls));
            assertThat(started.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            // a second StartTLS on a protected connection is refused
            assertThatThrownBy(() -> c.processExtendedOperation(new StartTLSExtendedRequest(tls)))
                    .isInstanceOfSatisfying(LDAPException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.OPERATIONS_ERROR);
                        assertThat(e.getDiagnosticMessage()).contains("already");
                    });
        }
    }

    @Test
    void unboundIdOverLdaps() throws Exception {
        SSLUtil ssl =
                new SSLUtil(new TrustStoreTrustManager(trustStore.toFile(), "changeit".toCharArray(), "PKCS12", true));
        try (LDAPConnection c = new LDAPConnection(
                ssl.createSSLSocketFactory(),
                "localhost",
                server.ldapsPort(),
                "uid=alice,ou=people,dc=example,dc=com",
                "alice-password")) {
            assertThat(c.getEntry("uid=alice,ou=people,dc=example,dc=com", "cn").getAttributeValue("cn"))
                    .isEqualTo("Alice Andersen");
        }
    }

    @Test
    void jndiOverLdapsAndStartTls() throws Exception {
        TrustedSocketFactory.context = clientContext("TLS");
        Hashtable<String, String> env = new Hashtable<>(Map.of(
                Context.INITIAL_CONTEXT_FACTORY,
                "com.sun.jndi.ldap.LdapCtxFactory",
                Context.PROVIDER_URL,
                "ldaps://localhost:" + server.ldapsPort(),
                "java.naming.ldap.factory.socket",
                TrustedSocketFactory.class.getName(),
                Context.SECURITY_AUTHENTICATION,
                "simple",
                Context.SECURITY_PRINCIPAL,
                TestServer.ADMIN_DN,
                Context.SECURITY_CREDENTIALS,
                TestServer.ADMIN_PASSWORD));
        var ctx = new InitialDirContext(env);
        assertThat(ctx.getAttributes("uid=bob,ou=people,dc=example,dc=com", new String[] {"mail"})
                        .get("mail")
                        .get())
                .isEqualTo("bob@example.com");
        ctx.close();

        Hashtable<String, String> plain = new Hashtable<>(Map.of(
                Context.INITIAL_CONTEXT_FACTORY,
                "com.sun.jndi.ldap.LdapCtxFactory",
                Context.PROVIDER_URL,
                "ldap://localhost:" + server.port()));
        InitialLdapContext ldap = new InitialLdapContext(plain, null);
        StartTlsResponse tls = (StartTlsResponse) ldap.extendedOperation(new StartTlsRequest());
        tls.negotiate(clientContext("TLS").getSocketFactory());
        ldap.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
        ldap.addToEnvironment(Context.SECURITY_PRINCIPAL, "uid=carol,ou=people,dc=example,dc=com");
        ldap.addToEnvironment(Context.SECURITY_CREDENTIALS, "carol-password");
        assertThat(ldap.getAttributes("uid=carol,ou=people,dc=example,dc=com", new String[] {"cn"})
                        .get("cn")
                        .get())
                .isEqualTo("Carol Chen");
        tls.close();
        ldap.close();
    }

    @Test
    void onlyTls12And13AreAccepted() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket s = (SSLSocket)
                    clientContext(protocol).getSocketFactory().createSocket("localhost", server.ldapsPort())) {
                s.setEnabledProtocols(new String[] {protocol});
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
            }
        }
        SSLContext old = clientContext("TLSv1.1");
        try (SSLSocket s = (SSLSocket) old.getSocketFactory().createSocket("localhost", server.ldapsPort())) {
            String[] supported = s.getSupportedProtocols();
            if (List.of(supported).contains("TLSv1.1")) {
                s.setEnabledProtocols(new String[] {"TLSv1.1"});
                assertThatThrownBy(s::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
            }
        }
    }

    @Test
    void aRenewedCertificateIsPickedUpWithoutRestart() throws Exception {
        try (TestServer own = TestServer.memoryWithTls("")) {
            X509Certificate first = peerCertificate(own);
            // replace the files with a new self-signed pair, as a renewal would
            Path dir = own.certificate().getParent();
            Files.delete(own.certificate());
            Files.delete(dir.resolve("key.pem"));
            dev.linden.server.tls.SelfSignedCertificate.ensure(dir);
            Files.setLastModifiedTime(
                    own.certificate(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            X509Certificate now = first;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (now.getSerialNumber().equals(first.getSerialNumber()) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                now = peerCertificate(own);
            }
            assertThat(now.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        }
    }

    static X509Certificate peerCertificate(TestServer s) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new javax.net.ssl.TrustManager[] {
                    new javax.net.ssl.X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("localhost", s.ldapsPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void untrustedClientsFailTheHandshake() throws Exception {
        SSLContext defaults = SSLContext.getInstance("TLS");
        defaults.init(null, null, null); // the JDK's CA list: our self-signed certificate is not in it
        try (SSLSocket s = (SSLSocket) defaults.getSocketFactory().createSocket("localhost", server.ldapsPort())) {
            assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void requireTlsRefusesEverythingButTheRootDseUntilStartTls() throws Exception {
        try (TestServer strict = TestServer.memoryWithTls("security: {requireTls: true, loopbackExempt: false}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c = new LDAPConnection("127.0.0.1", strict.port())) {
            assertThat(c.getRootDSE()).isNotNull();
            assertThatThrownBy(() -> c.getEntry("dc=example,dc=com"))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED));
            c.processExtendedOperation(new StartTLSExtendedRequest(new SSLUtil(new TrustStoreTrustManager(
                            trustStoreFor(strict).toFile(), "changeit".toCharArray(), "PKCS12", true))
                    .createSSLContext()));
            c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            assertThat(c.getEntry("dc=example,dc=com")).isNotNull();
        }
    }

    @Test
    void aRequestSentInClearBehindStartTlsIsNeverAnswered() throws Exception {
        // StartTLS and a search in one write, as a machine in the middle would inject it: the search must
        // not be answered, in clear or inside the TLS session the client is about to start
        ByteArrayOutputStream write = new ByteArrayOutputStream();
        write.writeBytes(new LDAPMessage(1, new ExtendedRequestProtocolOp("1.3.6.1.4.1.1466.20037", null))
                .encode()
                .encode());
        write.writeBytes(new LDAPMessage(
                        2,
                        new SearchRequestProtocolOp(
                                "",
                                SearchScope.BASE,
                                DereferencePolicy.NEVER,
                                0,
                                0,
                                false,
                                Filter.createPresenceFilter("objectClass"),
                                List.of()))
                .encode()
                .encode());
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(write.toByteArray());
            ASN1StreamReader reader = new ASN1StreamReader(socket.getInputStream());
            LDAPMessage started = LDAPMessage.readFrom(reader, false);
            assertThat(started.getMessageID()).isEqualTo(1);
            assertThat(started.getExtendedResponseProtocolOp().getResultCode()).isZero();
            // the client goes on with TLS, as it should; the search must not be answered inside it either
            LDAPMessage injected = null;
            try (SSLSocket tls = (SSLSocket) clientContext("TLSv1.3")
                    .getSocketFactory()
                    .createSocket(socket, "127.0.0.1", server.port(), true)) {
                tls.startHandshake();
                injected = LDAPMessage.readFrom(new ASN1StreamReader(tls.getInputStream()), false);
            } catch (IOException | LDAPException closed) {
                // the server closed the connection: what it does with a client that sent in clear after StartTLS
            }
            assertThat(injected).as("an answer to the request sent in clear").isNull();
        }
    }

    @Test
    void aPkcs12KeystoreWorksToo() throws Exception {
        // build a keystore from a fresh self-signed pair
        Path dir = Files.createTempDirectory("p12");
        var pem = dev.linden.server.tls.SelfSignedCertificate.ensure(dir);
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(pem.certificate())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String keyPem = Files.readString(pem.privateKey())
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        var key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                        java.util.Base64.getDecoder().decode(keyPem)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, "p12-secret".toCharArray(), new java.security.cert.Certificate[] {cert});
        Path p12 = dir.resolve("server.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "p12-secret".toCharArray());
        }
        try (TestServer own = TestServer.memory("listen: {host: 127.0.0.1, port: 0, ldapsPort: 0}\n"
                + "tls: {keystore: " + p12 + ", keystorePassword: p12-secret}\n")) {
            assertThat(peerCertificate(own).getSerialNumber()).isEqualTo(cert.getSerialNumber());
        }
    }

    static Path trustStoreFor(TestServer s) throws Exception {
        Path store = Files.createTempFile("trust", ".p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(s.certificate())) {
            ks.setCertificateEntry(
                    "linden", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (var out = Files.newOutputStream(store)) {
            ks.store(out, "changeit".toCharArray());
        }
        return store;
    }

    @Test
    void startTlsWithoutACertificateIsAClearError() throws Exception {
        try (TestServer plain = TestServer.memory();
                LDAPConnection c = new LDAPConnection("127.0.0.1", plain.port())) {
            assertThat(c.getRootDSE().getSupportedExtendedOperationOIDs())
                    .doesNotContain(StartTLSExtendedRequest.STARTTLS_REQUEST_OID);
            assertThatThrownBy(() -> c.processExtendedOperation(new StartTLSExtendedRequest(clientContext("TLS"))))
                    .isInstanceOfSatisfying(LDAPException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.UNAVAILABLE);
                        assertThat(e.getDiagnosticMessage()).contains("TLS not configured");
                    });
            assertThat(c.getRootDSE()).as("the connection is still usable").isNotNull();
        }
    }

    /** JNDI takes its TLS socket factory by class name, through a static getDefault(). */
    public static final class TrustedSocketFactory extends javax.net.SocketFactory {
        static volatile SSLContext context;

        public static javax.net.SocketFactory getDefault() {
            return new TrustedSocketFactory();
        }

        private javax.net.SocketFactory delegate() {
            return context.getSocketFactory();
        }

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            return delegate().createSocket();
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return delegate().createSocket(host, port);
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            return delegate().createSocket(host, port, local, localPort);
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return delegate().createSocket(host, port);
        }

        @Override
        public java.net.Socket createSocket(
                java.net.InetAddress address, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            return delegate().createSocket(address, port, local, localPort);
        }
    }
}
