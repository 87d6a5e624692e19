package dev.linden.core.sasl;

import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client's SCRAM messages (RFC 5802 section 7), parsed strictly. Anything malformed is an
 * invalidCredentials error naming what is wrong; nothing else escapes.
 */
public final class ScramMessages {
    private ScramMessages() {}

    /**
     * client-first-message = gs2-header client-first-message-bare.
     *
     * @param gs2Header the header as sent ({@code n,,} or {@code y,,} with an optional {@code a=} authzid)
     * @param authzId the authorization identity asked for, or null
     * @param username the authentication identity, with =2C and =3D decoded
     * @param bare the client-first-message-bare as sent, for the AuthMessage
     */
    public record ClientFirst(String gs2Header, String authzId, String username, String nonce, String bare) {}

    /**
     * client-final-message = client-final-message-without-proof "," proof.
     *
     * @param channelBinding the decoded c= attribute (the gs2 header again, without channel binding)
     */
    public record ClientFinal(byte[] channelBinding, String nonce, byte[] proof, String withoutProof) {}

    public static ClientFirst parseClientFirst(byte[] message) throws LdapException {
        String text = utf8(message, "client-first message");
        if (text.startsWith("p=")) {
            throw error("channel binding is not supported: use SCRAM-SHA-256 (not -PLUS) and the gs2 header n or y");
        }
        if (!text.startsWith("n,") && !text.startsWith("y,")) {
            throw error("client-first message must start with the gs2 header n, y or p=");
        }
        int second = text.indexOf(',', 2);
        if (second < 0) {
            throw error("client-first message: gs2 header is incomplete");
        }
        String authzPart = text.substring(2, second);
        String authzId = null;
        if (!authzPart.isEmpty()) {
            if (!authzPart.startsWith("a=")) {
                throw error("client-first message: the gs2 header's second field must be empty or a=authzid");
            }
            authzId = saslName(authzPart.substring(2), "authzid");
            if (authzId.isEmpty()) {
                throw error("client-first message: empty authzid");
            }
        }
        String gs2Header = text.substring(0, second + 1);
        String bare = text.substring(second + 1);
        String[] attributes = bare.split(",", -1);
        if (attributes[0].startsWith("m=")) {
            throw error("client-first message: mandatory extension m= is not supported");
        }
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            throw error("client-first message must have n=username,r=nonce");
        }
        String username = saslName(attributes[0].substring(2), "username");
        if (username.isEmpty()) {
            throw error("client-first message: empty username");
        }
        String nonce = nonce(attributes[1].substring(2));
        checkExtensions(attributes, 2, attributes.length);
        return new ClientFirst(gs2Header, authzId, username, nonce, bare);
    }

    public static ClientFinal parseClientFinal(byte[] message) throws LdapException {
        String text = utf8(message, "client-final message");
        int proofAt = text.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw error("client-final message has no proof (p=)");
        }
        String withoutProof = text.substring(0, proofAt);
        byte[] proof = base64(text.substring(proofAt + 3), "proof");
        if (proof.length != 32) {
            throw error("client-final message: the proof must be 32 bytes (SHA-256)");
        }
        String[] attributes = withoutProof.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("c=") || !attributes[1].startsWith("r=")) {
            throw error("client-final message must start with c=channel-binding,r=nonce");
        }
        byte[] channelBinding = base64(attributes[0].substring(2), "channel binding");
        String nonce = nonce(attributes[1].substring(2));
        checkExtensions(attributes, 2, attributes.length);
        return new ClientFinal(channelBinding, nonce, proof, withoutProof);
    }

    /** server-first-message = nonce "," salt "," iteration-count. */
    public static String serverFirst(String nonce, byte[] salt, int iterations) {
        return "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
    }

    /** server-final-message = verifier. */
    public static String serverFinal(byte[] serverSignature) {
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    /** Escapes a name for a SCRAM message (, as =2C and = as =3D). */
    public static String encodeName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    private static void checkExtensions(String[] attributes, int from, int to) throws LdapException {
        for (int i = from; i < to; i++) {
            String a = attributes[i];
            if (a.length() < 2 || a.charAt(1) != '=' || !Character.isLetter(a.charAt(0))) {
                throw error("malformed attribute '" + abbreviate(a) + "'");
            }
        }
    }

    private static String saslName(String value, String what) throws LdapException {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=') {
                if (value.startsWith("=2C", i)) {
                    sb.append(',');
                } else if (value.startsWith("=3D", i)) {
                    sb.append('=');
                } else {
                    throw error(what + ": '=' must be written =3D");
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String nonce(String value) throws LdapException {
        if (value.isEmpty()) {
            throw error("empty nonce");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                throw error("the nonce must be printable ASCII");
            }
        }
        return value;
    }

    private static byte[] base64(String value, String what) throws LdapException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw error(what + " is not valid base64");
        }
    }

    private static String utf8(byte[] message, String what) throws LdapException {
        if (message == null || message.length == 0) {
            throw error("empty " + what);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message))
                    .toString();
        } catch (CharacterCodingException e) {
            throw error(what + " is not UTF-8");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    static LdapException error(String message) {
        return new LdapException(ResultCode.INVALID_CREDENTIALS, "SCRAM-SHA-256: " + message);
    }
}
