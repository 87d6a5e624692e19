package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.EXTERNALBindRequest;
import com.unboundid.ldap.sdk.GenericSASLBindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.PLAINBindRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SCRAMSHA256BindRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ProxiedAuthorizationV2RequestControl;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.linden.testkit.TestServer;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SASL binds with real clients: OpenLDAP's tools through Cyrus SASL (EXTERNAL with a client
 * certificate, PLAIN, SCRAM-SHA-256) and the UnboundID SDK; authzIds and the proxied
 * authorization control.
 */
class SaslIT {
    static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
    static final String CAROL = "uid=carol,ou=people,dc=example,dc=com";
    static Path pki;
    static Pem alice;
    static Pem nobody;
    static Pem bobByCn;
    /** Certificates mapped by subject DN; alice may act as others. */
    static TestServer server;
    /** Certificates mapped by a search for (uid={cn}). */
    static TestServer searching;

    record Pem(Path certificate, Path key, Path pkcs12) {}

    @BeforeAll
    static void start() throws Exception {
        pki = Files.createTempDirectory("sasl-pki");
        KeyPair caKey = keyPair();
        X509Certificate ca =
                certificate("CN=Linden test CA,O=Example", caKey, "CN=Linden test CA,O=Example", caKey, true);
        Path caPem = pki.resolve("ca.pem");
        writePem(caPem, ca);
        alice = client("alice", "UID=alice,OU=people,DC=example,DC=com", ca, caKey);
        nobody = client("nobody", "UID=nobody,OU=people,DC=example,DC=com", ca, caKey);
        bobByCn = client("bob", "CN=bob,O=Example", ca, caKey);
        String tls = "clientAuth: optional, clientCa: " + caPem;
        server = TestServer.memoryWithTls(
                        tls,
                        "security: {requireTlsForBind: true, loopbackExempt: false}\n"
                                + "sasl: {externalMapping: subject, proxyUsers: ['" + ALICE + "']}\n")
                .loadResource("sample.ldif");
        searching = TestServer.memoryWithTls(tls, "sasl: {externalMapping: search, externalFilter: '(uid={cn})'}\n")
                .loadResource("sample.ldif");
    }

    @AfterAll
    static void stop() {
        server.close();
        searching.close();
    }

    // ---- EXTERNAL ------------------------------------------------------------------------------

    @Test
    void externalWithLdapwhoamiOverLdapsAndStartTls() throws Exception {
        var r = tool(alice, "ldapwhoami", "-Q", "-Y", "EXTERNAL", "-H", "ldaps://localhost:" + server.ldapsPort());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("dn:" + ALICE);
        var started =
                tool(alice, "ldapwhoami", "-Q", "-Y", "EXTERNAL", "-ZZ", "-H", "ldap://localhost:" + server.port());
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.out().strip()).isEqualTo("dn:" + ALICE);
    }

    @Test
    void externalWithACertificateNamingNoEntryIsInvalidCredentials() throws Exception {
        var r = tool(nobody, "ldapwhoami", "-Q", "-Y", "EXTERNAL", "-H", "ldaps://localhost:" + server.ldapsPort());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(49);
    }

    @Test
    void externalWithAnAuthzIdNeedsProxyRights() throws Exception {
        // alice is a proxy user: she may act as bob
        var r = tool(
                alice,
                "ldapwhoami",
                "-Q",
                "-Y",
                "EXTERNAL",
                "-X",
                "u:bob",
                "-H",
                "ldaps://localhost:" + server.ldapsPort());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("dn:" + BOB);
        // bob (mapped by CN on the other server) is not
        try (LDAPConnection c = ldaps(searching, bobByCn)) {
            assertThatThrownBy(() -> c.bind(new EXTERNALBindRequest("u:carol")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
            assertThat(c.bind(new EXTERNALBindRequest("dn:" + BOB)).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
        }
    }

    @Test
    void externalWithUnboundIdAndTheSearchMapping() throws Exception {
        try (LDAPConnection c = ldaps(server, alice)) {
            assertThat(c.bind(new EXTERNALBindRequest()).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(whoAmI(c)).isEqualTo("dn:" + ALICE);
        }
        try (LDAPConnection c = ldaps(searching, bobByCn)) {
            assertThat(c.bind(new EXTERNALBindRequest()).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(whoAmI(c)).isEqualTo("dn:" + BOB);
        }
        // alice's certificate has CN-less subject: the search mapping finds nobody
        try (LDAPConnection c = ldaps(searching, alice)) {
            assertThatThrownBy(() -> c.bind(new EXTERNALBindRequest()))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            assertThat(whoAmI(c)).isEmpty(); // a failed bind leaves the connection anonymous
        }
    }

    @Test
    void aClientCertificateMakesItsAddressFamiliarForTheAccountAsAPasswordDoes() throws Exception {
        try (TestServer watched = TestServer.memoryWithTls(
                                "clientAuth: optional, clientCa: " + pki.resolve("ca.pem"), "detection: {}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c = ldaps(watched, alice)) {
            assertThatThrownBy(() -> c.bind(ALICE, "typo")).isInstanceOf(LDAPException.class); // a stranger yet
            assertThat(c.bind(new EXTERNALBindRequest()).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThatThrownBy(() -> c.bind(ALICE, "typo")).isInstanceOf(LDAPException.class); // the owner's typo now
            var failures = DetectionIT.events(watched, e -> e.size() >= 2).stream()
                    .filter(e -> e.get("event").asText().equals("bind_failure"))
                    .toList();
            assertThat(failures).hasSize(2);
            assertThat(failures.get(0).has("familiar")).isFalse();
            assertThat(failures.get(1).get("familiar").asBoolean()).isTrue();
        }
    }

    @Test
    void externalWithoutTlsOrWithoutACertificate() throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            assertThatThrownBy(() -> c.bind(new EXTERNALBindRequest()))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INAPPROPRIATE_AUTHENTICATION));
        }
        try (LDAPConnection c = ldaps(server, null)) {
            assertThatThrownBy(() -> c.bind(new EXTERNALBindRequest()))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
        }
    }

    // ---- PLAIN ---------------------------------------------------------------------------------

    @Test
    void plainWithLdapwhoamiOverStartTls() throws Exception {
        var r = tool(
                null,
                "ldapwhoami",
                "-Q",
                "-Y",
                "PLAIN",
                "-U",
                "alice",
                "-w",
                "alice-password",
                "-ZZ",
                "-H",
                "ldap://localhost:" + server.port());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("dn:" + ALICE);
        var wrong = tool(
                null,
                "ldapwhoami",
                "-Q",
                "-Y",
                "PLAIN",
                "-U",
                "alice",
                "-w",
                "not-her-password",
                "-ZZ",
                "-H",
                "ldap://localhost:" + server.port());
        assertThat(wrong.exit()).as(wrong.err()).isEqualTo(49);
    }

    @Test
    void plainWithoutTlsIsConfidentialityRequired() throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            assertThatThrownBy(() -> c.bind(new PLAINBindRequest("u:alice", "alice-password")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED));
        }
        try (LDAPConnection c = ldaps(server, null)) {
            assertThat(c.bind(new PLAINBindRequest("dn:" + CAROL, "carol-password"))
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(whoAmI(c)).isEqualTo("dn:" + CAROL);
            assertThatThrownBy(() -> c.bind(new PLAINBindRequest("u:carol", "wrong")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            assertThat(whoAmI(c)).isEmpty();
        }
    }

    @Test
    void plainWithAnAuthzId() throws Exception {
        // bob is no proxy user
        var refused = tool(
                null,
                "ldapwhoami",
                "-Q",
                "-Y",
                "PLAIN",
                "-U",
                "bob",
                "-X",
                "u:alice",
                "-w",
                "bob-password",
                "-ZZ",
                "-H",
                "ldap://localhost:" + server.port());
        assertThat(refused.exit()).as(refused.err()).isEqualTo(50);
        // alice is
        var r = tool(
                null,
                "ldapwhoami",
                "-Q",
                "-Y",
                "PLAIN",
                "-U",
                "alice",
                "-X",
                "dn:" + CAROL,
                "-w",
                "alice-password",
                "-ZZ",
                "-H",
                "ldap://localhost:" + server.port());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("dn:" + CAROL);
        try (LDAPConnection c = ldaps(server, null)) {
            c.bind(new PLAINBindRequest("u:alice", "u:bob", "alice-password"));
            assertThat(whoAmI(c)).isEqualTo("dn:" + BOB);
            // nobody but the administrator acts as the administrator
            assertThatThrownBy(() ->
                            c.bind(new PLAINBindRequest("u:alice", "dn:" + TestServer.ADMIN_DN, "alice-password")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    // ---- SCRAM-SHA-256 -------------------------------------------------------------------------

    @Test
    void scramWithUnboundIdAfterAddAndPasswordModify() throws Exception {
        try (LDAPConnection c =
                new LDAPConnection("127.0.0.1", server.port())) { // no TLS needed: no password on the wire
            assertThat(c.bind(new SCRAMSHA256BindRequest("alice", "alice-password"))
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(whoAmI(c)).isEqualTo("dn:" + ALICE);
            assertThatThrownBy(() -> c.bind(new SCRAMSHA256BindRequest("alice", "wrong")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            assertThat(whoAmI(c)).isEmpty();
            assertThatThrownBy(() -> c.bind(new SCRAMSHA256BindRequest("nobody", "x")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
        }
        try (LDAPConnection admin = ldaps(server, null)) {
            admin.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            admin.add(
                    "dn: uid=dave,ou=people,dc=example,dc=com",
                    "objectClass: inetOrgPerson",
                    "uid: dave",
                    "cn: Dave",
                    "sn: D",
                    "userPassword: dave-password");
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                c.bind(new SCRAMSHA256BindRequest("dave", "dave-password"));
                assertThat(whoAmI(c)).isEqualTo("dn:uid=dave,ou=people,dc=example,dc=com");
            }
            admin.processExtendedOperation(new PasswordModifyExtendedRequest(
                    "dn:uid=dave,ou=people,dc=example,dc=com", null, "dave-new-password"));
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                assertThat(c.bind(new SCRAMSHA256BindRequest("u:dave", "dave-new-password"))
                                .getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
                assertThatThrownBy(() -> c.bind(new SCRAMSHA256BindRequest("dave", "dave-password")))
                        .isInstanceOfSatisfying(
                                LDAPException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            }
            // by Modify, and then a hashed password: the SCRAM keys of the old one must not survive
            admin.modify(new ModifyRequest(
                    "uid=dave,ou=people,dc=example,dc=com",
                    new Modification(ModificationType.REPLACE, "userPassword", "dave-third")));
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                assertThat(c.bind(new SCRAMSHA256BindRequest("dave", "dave-third"))
                                .getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
            }
            admin.modify(new ModifyRequest(
                    "uid=dave,ou=people,dc=example,dc=com",
                    new Modification(
                            ModificationType.REPLACE, "userPassword", "{SSHA}6R5cNtHjbuPvj+0T7dUdc0ihXPu0rZea")));
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                assertThatThrownBy(() -> c.bind(new SCRAMSHA256BindRequest("dave", "dave-third")))
                        .isInstanceOfSatisfying(
                                LDAPException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            }
        }
    }

    @Test
    void authPasswordIsNeverReturnedNorWritable() throws Exception {
        try (LDAPConnection admin = ldaps(server, null)) {
            admin.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
            for (String[] attributes : List.of(
                    new String[] {"*", "+"}, new String[] {"authPassword"}, new String[] {"1.3.6.1.4.1.4203.1.3.4"})) {
                SearchResultEntry e = admin.getEntry(CAROL, attributes);
                assertThat(e.getAttribute("authPassword")).isNull();
                assertThat(e.getAttributes()).noneMatch(a -> a.getName().equalsIgnoreCase("authPassword"));
            }
            assertThatThrownBy(
                            () -> admin.modify(
                                    CAROL,
                                    new Modification(
                                            ModificationType.REPLACE,
                                            "authPassword",
                                            "SCRAM-SHA-256$4096:c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION));
            assertThatThrownBy(() -> admin.add(
                            "dn: uid=eve,ou=people,dc=example,dc=com",
                            "objectClass: inetOrgPerson",
                            "uid: eve",
                            "cn: Eve",
                            "sn: E",
                            "authPassword: SCRAM-SHA-256$1:x$y:z"))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION));
        }
    }

    @Test
    void scramWithLdapwhoami() throws Exception {
        var r = tool(
                null,
                "ldapwhoami",
                "-Q",
                "-Y",
                "SCRAM-SHA-256",
                "-U",
                "carol",
                "-w",
                "carol-password",
                "-H",
                "ldap://localhost:" + server.port());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("dn:" + CAROL);
        var wrong = tool(
                null,
                "ldapwhoami",
                "-Q",
                "-Y",
                "SCRAM-SHA-256",
                "-U",
                "carol",
                "-w",
                "wrong",
                "-H",
                "ldap://localhost:" + server.port());
        assertThat(wrong.exit()).as(wrong.err()).isEqualTo(49);
    }

    // ---- proxied authorization -----------------------------------------------------------------

    @Test
    void proxiedAuthorizationControl() throws Exception {
        try (LDAPConnection c = ldaps(server, null)) {
            c.bind(ALICE, "alice-password"); // a proxy user
            SearchRequest asBob =
                    new SearchRequest("ou=people,dc=example,dc=com", SearchScope.ONE, "(uid=carol)", "cn");
            asBob.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + BOB));
            SearchResult found = c.search(asBob);
            assertThat(found.getSearchEntries())
                    .extracting(e -> e.getAttributeValue("cn"))
                    .containsExactly("Carol Chen");
            WhoAmIExtendedRequest who = new WhoAmIExtendedRequest(
                    new com.unboundid.ldap.sdk.Control[] {new ProxiedAuthorizationV2RequestControl("u:carol")});
            assertThat(((WhoAmIExtendedResult) c.processExtendedOperation(who)).getAuthorizationID())
                    .isEqualTo("dn:" + CAROL);
            // as anonymous, for whom the tree is hidden: the operation really runs as the proxied identity
            SearchRequest asAnonymous =
                    new SearchRequest("ou=people,dc=example,dc=com", SearchScope.ONE, "(uid=carol)", "cn");
            asAnonymous.addControl(new ProxiedAuthorizationV2RequestControl(""));
            assertThatThrownBy(() -> c.search(asAnonymous))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
            // not the administrator, nor someone who does not exist
            for (String target : List.of("dn:" + TestServer.ADMIN_DN, "u:nobody", "dn:uid=nobody,dc=example,dc=com")) {
                SearchRequest s = new SearchRequest("dc=example,dc=com", SearchScope.BASE, "(objectClass=*)");
                s.addControl(new ProxiedAuthorizationV2RequestControl(target));
                assertThatThrownBy(() -> c.search(s))
                        .as(target)
                        .isInstanceOfSatisfying(
                                LDAPException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.AUTHORIZATION_DENIED));
            }
            assertThat(whoAmI(c)).isEqualTo("dn:" + ALICE); // the connection itself is unchanged
        }
        try (LDAPConnection c = ldaps(server, null)) {
            c.bind(BOB, "bob-password"); // not a proxy user
            SearchRequest s = new SearchRequest("dc=example,dc=com", SearchScope.BASE, "(objectClass=*)");
            s.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + ALICE));
            assertThatThrownBy(() -> c.search(s))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.AUTHORIZATION_DENIED));
        }
        try (LDAPConnection c = ldaps(server, null)) {
            c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD); // the administrator, acting as bob, cannot write
            ModifyRequest m = new ModifyRequest(CAROL, new Modification(ModificationType.REPLACE, "description", "x"));
            m.addControl(new ProxiedAuthorizationV2RequestControl("dn:" + BOB));
            assertThatThrownBy(() -> c.modify(m))
                    .isInstanceOfSatisfying(
                            LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    // ---- discovery and refusals ----------------------------------------------------------------

    @Test
    void rootDseListsMechanismsAndUnknownOnesAreRefused() throws Exception {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
            RootDSE dse = c.getRootDSE();
            assertThat(dse.getSupportedSASLMechanismNames())
                    .containsExactlyInAnyOrder("EXTERNAL", "PLAIN", "SCRAM-SHA-256");
            assertThat(dse.getSupportedControlOIDs())
                    .contains(ProxiedAuthorizationV2RequestControl.PROXIED_AUTHORIZATION_V2_REQUEST_OID);
            for (String mechanism : List.of("GSSAPI", "DIGEST-MD5", "SCRAM-SHA-256-PLUS")) {
                BindRequest bind = new GenericSASLBindRequest(null, mechanism, new ASN1OctetString("x"));
                assertThatThrownBy(() -> c.bind(bind))
                        .as(mechanism)
                        .isInstanceOfSatisfying(
                                LDAPException.class,
                                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.AUTH_METHOD_NOT_SUPPORTED));
            }
        }
        var r = OpenLdapToolsIT.run(
                null,
                "ldapsearch",
                "-x",
                "-LLL",
                "-H",
                server.url(),
                "-b",
                "",
                "-s",
                "base",
                "supportedSASLMechanisms");
        assertThat(r.out())
                .contains(
                        "supportedSASLMechanisms: EXTERNAL",
                        "supportedSASLMechanisms: PLAIN",
                        "supportedSASLMechanisms: SCRAM-SHA-256");
        try (TestServer plain = TestServer.memory("security: {requireTlsForBind: false, loopbackExempt: false}\n");
                LDAPConnection c = new LDAPConnection("127.0.0.1", plain.port())) {
            // no TLS (a server without TLS that also requires it for binds does not start): no EXTERNAL
            assertThat(c.getRootDSE().getSupportedSASLMechanismNames()).containsExactly("PLAIN", "SCRAM-SHA-256");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String whoAmI(LDAPConnection c) throws LDAPException {
        return ((WhoAmIExtendedResult) c.processExtendedOperation(new WhoAmIExtendedRequest())).getAuthorizationID();
    }

    /** An LDAPS connection trusting the server's certificate, presenting {@code client}'s certificate (null: none). */
    static LDAPConnection ldaps(TestServer s, Pem client) throws Exception {
        Path trust = TlsIT.trustStoreFor(s);
        TrustStoreTrustManager tm =
                new TrustStoreTrustManager(trust.toFile(), "changeit".toCharArray(), "PKCS12", true);
        SSLUtil ssl = client == null
                ? new SSLUtil(tm)
                : new SSLUtil(
                        new KeyStoreKeyManager(client.pkcs12().toFile(), "changeit".toCharArray(), "PKCS12", "client"),
                        tm);
        SSLSocketFactory factory = ssl.createSSLSocketFactory();
        return new LDAPConnection(factory, "localhost", s.ldapsPort());
    }

    /** An OpenLDAP tool trusting the main server's certificate, with {@code client}'s certificate when given. */
    static OpenLdapToolsIT.Run tool(Pem client, String... args) throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of("env", "LDAPTLS_CACERT=" + server.certificate(), "LDAPTLS_REQCERT=demand"));
        if (client != null) {
            cmd.add("LDAPTLS_CERT=" + client.certificate());
            cmd.add("LDAPTLS_KEY=" + client.key());
        }
        cmd.addAll(List.of(args));
        return OpenLdapToolsIT.run(null, cmd.toArray(String[]::new));
    }

    static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey, boolean ca)
            throws Exception {
        Instant now = Instant.now();
        // names as LDAP writes them (RFC 4514: most specific first), through the JDK's parser
        var builder = new JcaX509v3CertificateBuilder(
                new X500Principal(issuer),
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                new X500Principal(subject),
                subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** A client certificate signed by the CA: PEM certificate and key for OpenLDAP, PKCS#12 for Java. */
    static Pem client(String name, String subject, X509Certificate ca, KeyPair caKey) throws Exception {
        // Bouncy Castle's EC keys: their PKCS#8 form carries the public key, which GnuTLS (under libldap) needs;
        // the JDK's leaves it out
        KeyPairGenerator generator =
                KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair key = generator.generateKeyPair();
        X509Certificate cert =
                certificate(subject, key, ca.getSubjectX500Principal().getName(X500Principal.RFC2253), caKey, false);
        Path certPem = pki.resolve(name + ".pem");
        Path keyPem = pki.resolve(name + "-key.pem");
        writePem(certPem, cert);
        writePem(keyPem, new JcaPKCS8Generator(key.getPrivate(), null));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
                "client", key.getPrivate(), "changeit".toCharArray(), new java.security.cert.Certificate[] {cert, ca});
        Path p12 = pki.resolve(name + ".p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "changeit".toCharArray());
        }
        return new Pem(certPem, keyPem, p12);
    }

    static void writePem(Path file, Object object) throws Exception {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
    }
}
