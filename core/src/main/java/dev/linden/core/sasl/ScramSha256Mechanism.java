package dev.linden.core.sasl;

import dev.linden.core.Session;
import dev.linden.model.LdapException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: the client proves it knows the
 * password without sending it, and the server proves it holds the credentials. Two bind requests:
 * client-first (answered with server-first and saslBindInProgress), then client-final (answered
 * with success and server-final as additional data). The credentials come from the entry's
 * authPassword, which the server derives when a password is set in clear; an entry without them
 * (its password imported already hashed) cannot use SCRAM. An unknown user gets a made-up salt so
 * the first step does not tell who exists; every failure is invalidCredentials.
 */
final class ScramSha256Mechanism implements SaslMechanism {
    static final String NAME = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Identities identities;
    /** Keys the made-up salts of unknown users, so they stay the same between attempts. */
    private final byte[] fakeSaltKey = new byte[32];

    ScramSha256Mechanism(Identities identities) {
        this.identities = identities;
        RANDOM.nextBytes(fakeSaltKey);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SaslExchange begin(Session session) {
        return new Exchange();
    }

    private final class Exchange implements SaslExchange {
        private ScramMessages.ClientFirst first;
        private String serverFirst;
        private Identity identity; // null: unknown user or no credentials, fail at the end
        private ScramCredentials credentials;

        @Override
        public String mechanism() {
            return NAME;
        }

        @Override
        public SaslOutcome evaluate(byte[] response, PasswordGuard guard) throws LdapException {
            if (first == null) {
                if (response == null) {
                    return new SaslOutcome.Challenge(new byte[0]); // the client sends client-first next
                }
                return clientFirst(response);
            }
            return clientFinal(response, guard);
        }

        private SaslOutcome clientFirst(byte[] message) throws LdapException {
            first = ScramMessages.parseClientFirst(message);
            identity = identities.byAuthcId(first.username());
            credentials = identity == null ? null : identities.scramCredentials(identity);
            if (credentials == null) {
                identity = null;
                byte[] salt = Arrays.copyOf(
                        ScramCredentials.hmac(fakeSaltKey, first.username().getBytes(StandardCharsets.UTF_8)), 16);
                credentials = new ScramCredentials(
                        ScramCredentials.DEFAULT_ITERATIONS, salt, randomBytes(32), randomBytes(32));
            }
            String nonce = first.nonce() + Base64.getEncoder().withoutPadding().encodeToString(randomBytes(18));
            serverFirst = ScramMessages.serverFirst(nonce, credentials.salt(), credentials.iterations());
            return new SaslOutcome.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private SaslOutcome clientFinal(byte[] message, PasswordGuard guard) throws LdapException {
            ScramMessages.ClientFinal fin = ScramMessages.parseClientFinal(message);
            if (!Arrays.equals(fin.channelBinding(), first.gs2Header().getBytes(StandardCharsets.UTF_8))) {
                throw ScramMessages.error("the channel binding (c=) does not repeat the gs2 header");
            }
            String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
            if (!fin.nonce().equals(nonce)) {
                throw ScramMessages.error("the nonce does not match");
            }
            byte[] authMessage =
                    (first.bare() + "," + serverFirst + "," + fin.withoutProof()).getBytes(StandardCharsets.UTF_8);
            byte[] clientSignature = ScramCredentials.hmac(credentials.storedKey(), authMessage);
            byte[] clientKey = fin.proof().clone();
            for (int i = 0; i < clientKey.length; i++) {
                clientKey[i] ^= clientSignature[i];
            }
            boolean proven = identity != null
                    && guard.verify(
                            identity,
                            () -> MessageDigest.isEqual(ScramCredentials.sha256(clientKey), credentials.storedKey()));
            if (!proven) {
                throw ScramMessages.error("invalid credentials");
            }
            byte[] serverSignature = ScramCredentials.hmac(credentials.serverKey(), authMessage);
            return new SaslOutcome.Authenticated(
                    identity,
                    first.authzId(),
                    ScramMessages.serverFinal(serverSignature).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
