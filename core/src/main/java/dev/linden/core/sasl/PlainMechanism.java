package dev.linden.core.sasl;

import dev.linden.core.SecurityRules;
import dev.linden.core.Session;
import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in one message. The password crosses
 * the wire, so the same rule as a simple bind applies: with {@code requireTlsForBind}, only over
 * TLS (or loopback when exempt), else confidentialityRequired. The authcid is {@code dn:<DN>},
 * {@code u:<uid>} or a bare uid; the password is checked as a simple bind checks it.
 */
final class PlainMechanism implements SaslMechanism {
    static final String NAME = "PLAIN";
    private final Identities identities;
    private final SecurityRules rules;

    PlainMechanism(Identities identities, SecurityRules rules) {
        this.identities = identities;
        this.rules = rules;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SaslExchange begin(Session session) {
        return SaslExchange.stateless(NAME, (response, guard) -> {
            if (rules.tlsForBind() && !rules.isProtected(session)) {
                throw new LdapException(
                        ResultCode.CONFIDENTIALITY_REQUIRED, "TLS is required for SASL PLAIN (use StartTLS or LDAPS)");
            }
            if (response == null) {
                return new SaslOutcome.Challenge(new byte[0]); // RFC 4422 3.3: the client answers an empty challenge
            }
            return authenticate(response, guard);
        });
    }

    private SaslOutcome authenticate(byte[] message, PasswordGuard guard) throws LdapException {
        int first = indexOf(message, 0);
        int second = first < 0 ? -1 : indexOf(message, first + 1);
        if (second < 0 || indexOf(message, second + 1) >= 0) {
            throw invalid("PLAIN: the message must be authzid NUL authcid NUL password");
        }
        String authzId = utf8(Arrays.copyOfRange(message, 0, first));
        String authcId = utf8(Arrays.copyOfRange(message, first + 1, second));
        byte[] password = Arrays.copyOfRange(message, second + 1, message.length);
        if (authcId.isEmpty() || password.length == 0) {
            throw invalid("PLAIN: empty authentication identity or password");
        }
        Identity identity = identities.byAuthcId(authcId);
        if (identity == null || !guard.verify(identity, () -> identities.verifyPassword(identity, password))) {
            throw invalid("");
        }
        return new SaslOutcome.Authenticated(identity, authzId, null);
    }

    private static int indexOf(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] bytes) throws LdapException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("PLAIN: identities must be UTF-8");
        }
    }

    private static LdapException invalid(String message) {
        return new LdapException(ResultCode.INVALID_CREDENTIALS, message);
    }
}
