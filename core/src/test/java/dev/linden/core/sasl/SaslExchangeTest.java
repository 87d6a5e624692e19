package dev.linden.core.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SASL exchanges driven message by message over a directory in memory: SCRAM, PLAIN, authzIds. */
class SaslExchangeTest {
    static SaslFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SaslFixture(new SaslConfig(
                SaslConfig.ExternalMapping.SUBJECT, null, List.of("uid=alice,ou=people,dc=example,dc=com"), false));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A SCRAM-SHA-256 client, as RFC 5802 section 3 computes it. */
    static final class Client {
        final String user;
        final String password;
        final String gs2;
        final String nonce = "clientNonce" + System.nanoTime();
        String serverFirst;

        Client(String user, String password, String gs2) {
            this.user = user;
            this.password = password;
            this.gs2 = gs2;
        }

        String bare() {
            return "n=" + ScramMessages.encodeName(user) + ",r=" + nonce;
        }

        byte[] first() {
            return b(gs2 + bare());
        }

        String withoutProof(String combinedNonce) {
            return "c=" + Base64.getEncoder().encodeToString(b(gs2)) + ",r=" + combinedNonce;
        }

        byte[] fin(byte[] serverFirstBytes) {
            serverFirst = new String(serverFirstBytes, StandardCharsets.UTF_8);
            String combined = serverFirst.substring(2, serverFirst.indexOf(','));
            return b(withProof(withoutProof(combined)));
        }

        String withProof(String withoutProof) {
            String[] parts = serverFirst.split(",");
            byte[] salt = Base64.getDecoder().decode(parts[1].substring(2));
            int iterations = Integer.parseInt(parts[2].substring(2));
            byte[] salted = ScramCredentials.saltedPassword(b(password), salt, iterations);
            byte[] clientKey = ScramCredentials.hmac(salted, b("Client Key"));
            byte[] storedKey = ScramCredentials.sha256(clientKey);
            String authMessage = bare() + "," + serverFirst + "," + withoutProof;
            byte[] proof = ScramCredentials.hmac(storedKey, b(authMessage));
            for (int i = 0; i < proof.length; i++) {
                proof[i] ^= clientKey[i];
            }
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        }

        String expectedServerFinal(String withoutProof) {
            String[] parts = serverFirst.split(",");
            byte[] salted = ScramCredentials.saltedPassword(
                    b(password),
                    Base64.getDecoder().decode(parts[1].substring(2)),
                    Integer.parseInt(parts[2].substring(2)));
            byte[] serverKey = ScramCredentials.hmac(salted, b("Server Key"));
            return "v="
                    + Base64.getEncoder()
                            .encodeToString(ScramCredentials.hmac(
                                    serverKey, b(bare() + "," + serverFirst + "," + withoutProof)));
        }
    }

    private static BindResponse bind(Session session, String mechanism, byte[] credentials) throws Exception {
        Response r = fixture.bind(session, mechanism, credentials);
        return (BindResponse) r.op();
    }

    private static void assertFails(ResultCode code, ThrowingCall call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void scramSucceedsAndTheServerProvesItself() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("alice", "alice-password", "n,,");
        BindResponse first = bind(session, "SCRAM-SHA-256", client.first());
        assertThat(first.result().code()).isEqualTo(ResultCode.SASL_BIND_IN_PROGRESS);
        String serverFirst = new String(first.serverSaslCreds(), StandardCharsets.UTF_8);
        assertThat(serverFirst).startsWith("r=" + client.nonce).contains(",s=").endsWith(",i=4096");
        assertThat(session.isAnonymous()).isTrue();
        byte[] fin = client.fin(first.serverSaslCreds());
        BindResponse done = bind(session, "SCRAM-SHA-256", fin);
        assertThat(done.result().code()).isEqualTo(ResultCode.SUCCESS);
        String withoutProof = new String(fin, StandardCharsets.UTF_8)
                .substring(0, new String(fin, StandardCharsets.UTF_8).lastIndexOf(",p="));
        assertThat(new String(done.serverSaslCreds(), StandardCharsets.UTF_8))
                .isEqualTo(client.expectedServerFinal(withoutProof));
        assertThat(session.boundDn().toString()).isEqualTo(SaslFixture.ALICE);
    }

    @Test
    void scramAcceptsYAndDnNames() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("dn:" + SaslFixture.ALICE, "alice-password", "y,,");
        BindResponse first = bind(session, "scram-sha-256", client.first());
        assertThat(bind(session, "SCRAM-SHA-256", client.fin(first.serverSaslCreds()))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
    }

    @Test
    void scramWithAWrongPasswordIsInvalidCredentials() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("alice", "wrong", "n,,");
        BindResponse first = bind(session, "SCRAM-SHA-256", client.first());
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(session, "SCRAM-SHA-256", client.fin(first.serverSaslCreds())));
        assertThat(session.isAnonymous()).isTrue();
        // the failed exchange is over: a client-final alone starts a new one and fails to parse
        assertFails(ResultCode.INVALID_CREDENTIALS, () -> bind(session, "SCRAM-SHA-256", b("c=biws,r=x,p=AAAA")));
    }

    @Test
    void anUnknownUserGetsASaltAndFailsAtTheEnd() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("nobody", "whatever", "n,,");
        BindResponse first = bind(session, "SCRAM-SHA-256", client.first());
        assertThat(first.result().code()).isEqualTo(ResultCode.SASL_BIND_IN_PROGRESS);
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(session, "SCRAM-SHA-256", client.fin(first.serverSaslCreds())));
        // the same made-up salt each time, as a real user's would be
        Client again = new Client("nobody", "whatever", "n,,");
        String salt1 = new String(first.serverSaslCreds(), StandardCharsets.UTF_8).split(",")[1];
        String salt2 = new String(
                        bind(SaslFixture.session(), "SCRAM-SHA-256", again.first())
                                .serverSaslCreds(),
                        StandardCharsets.UTF_8)
                .split(",")[1];
        assertThat(salt2).isEqualTo(salt1);
    }

    @Test
    void aPasswordImportedHashedHasNoScramCredentials() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("bob", "bob-password", "n,,");
        BindResponse first = bind(session, "SCRAM-SHA-256", client.first());
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(session, "SCRAM-SHA-256", client.fin(first.serverSaslCreds())));
    }

    @Test
    void nonceAndChannelBindingMismatches() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("alice", "alice-password", "n,,");
        BindResponse first = bind(session, "SCRAM-SHA-256", client.first());
        client.serverFirst = new String(first.serverSaslCreds(), StandardCharsets.UTF_8);
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(
                        session, "SCRAM-SHA-256", b(client.withProof(client.withoutProof(client.nonce + "forged")))));

        BindResponse again = bind(session, "SCRAM-SHA-256", client.first());
        client.serverFirst = new String(again.serverSaslCreds(), StandardCharsets.UTF_8);
        String combined = client.serverFirst.substring(2, client.serverFirst.indexOf(','));
        String otherBinding = "c=" + Base64.getEncoder().encodeToString(b("y,,")) + ",r=" + combined;
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(session, "SCRAM-SHA-256", b(client.withProof(otherBinding))));
    }

    @Test
    void channelBindingIsRefused() {
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(SaslFixture.session(), "SCRAM-SHA-256", b("p=tls-server-end-point,,n=alice,r=abc")));
    }

    @Test
    void anotherMechanismAbandonsTheExchange() throws Exception {
        Session session = SaslFixture.session();
        Client client = new Client("alice", "alice-password", "n,,");
        BindResponse first = bind(session, "SCRAM-SHA-256", client.first());
        assertThat(bind(session, "PLAIN", b("\0alice\0alice-password")).result().code())
                .isEqualTo(ResultCode.SUCCESS);
        // the SCRAM exchange is gone: its client-final starts a new exchange, which cannot parse it
        assertFails(
                ResultCode.INVALID_CREDENTIALS,
                () -> bind(session, "SCRAM-SHA-256", client.fin(first.serverSaslCreds())));
    }

    @Test
    void garbageNeverEscapesAsAnythingButAnLdapError() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            Session session = SaslFixture.session();
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            if (i % 3 == 0 && junk.length > 3) { // junk after a valid first message
                Client client = new Client("alice", "x", "n,,");
                bind(session, "SCRAM-SHA-256", client.first());
            }
            for (String mechanism : List.of("SCRAM-SHA-256", "PLAIN", "EXTERNAL")) {
                try {
                    bind(session, mechanism, junk);
                } catch (LdapException expected) {
                    assertThat(expected.code())
                            .isIn(
                                    ResultCode.INVALID_CREDENTIALS,
                                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                                    ResultCode.INAPPROPRIATE_AUTHENTICATION);
                }
            }
        }
    }

    @Test
    void plain() throws Exception {
        Session session = SaslFixture.session();
        assertThat(bind(session, "PLAIN", b("\0alice\0alice-password")).result().code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(session.boundDn().toString()).isEqualTo(SaslFixture.ALICE);
        assertThat(bind(session, "PLAIN", b("\0u:bob\0bob-password")).result().code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(bind(session, "PLAIN", b("\0dn:cn=admin,dc=example,dc=com\0admin-secret"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(session.isAdministrator()).isTrue();
        for (String bad : List.of(
                "\0alice\0wrong",
                "alice\0alice-password",
                "\0alice\0",
                "\0\0alice-password",
                "\0alice\0alice-password\0",
                "\0nobody\0x",
                "\0dn:not a dn\0x")) {
            assertFails(ResultCode.INVALID_CREDENTIALS, () -> bind(session, "PLAIN", b(bad)));
        }
    }

    @Test
    void plainNeedsTlsUnlessExempt() throws Exception {
        Session remote = new Session(2, "192.0.2.1", false);
        assertFails(ResultCode.CONFIDENTIALITY_REQUIRED, () -> bind(remote, "PLAIN", b("\0alice\0alice-password")));
        remote.markSecure(null);
        assertThat(bind(remote, "PLAIN", b("\0alice\0alice-password")).result().code())
                .isEqualTo(ResultCode.SUCCESS);
    }

    @Test
    void authzIdNeedsProxyRights() throws Exception {
        Session session = SaslFixture.session();
        // bob is not a proxy user
        assertFails(
                ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> bind(session, "PLAIN", b("u:alice\0bob\0bob-password")));
        assertThat(session.isAnonymous()).isTrue();
        // naming oneself is fine
        assertThat(bind(session, "PLAIN", b("dn:uid=bob,ou=people,dc=example,dc=com\0bob\0bob-password"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        // alice is: she becomes bob, but never the administrator
        assertThat(bind(session, "PLAIN", b("u:bob\0alice\0alice-password"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(session.boundDn().toString()).isEqualTo("uid=bob,ou=people,dc=example,dc=com");
        assertFails(
                ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                () -> bind(session, "PLAIN", b("dn:cn=admin,dc=example,dc=com\0alice\0alice-password")));
        assertFails(
                ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                () -> bind(session, "PLAIN", b("u:nobody\0alice\0alice-password")));
    }

    @Test
    void externalWithoutTlsOrCertificate() {
        Session clear = SaslFixture.session();
        assertFails(ResultCode.INAPPROPRIATE_AUTHENTICATION, () -> bind(clear, "EXTERNAL", null));
        Session tls = SaslFixture.session();
        tls.markSecure(null);
        assertFails(ResultCode.INVALID_CREDENTIALS, () -> bind(tls, "EXTERNAL", null));
    }

    @Test
    void unknownMechanisms() {
        for (String m : List.of("GSSAPI", "DIGEST-MD5", "SCRAM-SHA-256-PLUS", "")) {
            assertFails(ResultCode.AUTH_METHOD_NOT_SUPPORTED, () -> bind(SaslFixture.session(), m, null));
        }
    }
}
