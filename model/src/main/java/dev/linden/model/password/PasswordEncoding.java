package dev.linden.model.password;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Parsing helpers shared by the schemes; each returns a sentinel instead of throwing on bad input. */
final class PasswordEncoding {

    private PasswordEncoding() {}

    /**
     * Decodes standard base64 (padding optional), or returns null if the text is not base64 or would
     * decode to more than {@code maxBytes}. The length check comes first so a hostile stored value can
     * never make us allocate more than a bounded buffer.
     */
    static byte[] base64(String text, int maxBytes) {
        if (text == null || text.isEmpty() || text.length() > (maxBytes + 2) / 3 * 4) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Standard base64 without padding, as the PHC string format (Argon2) writes it. */
    static String base64NoPad(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * "Adapted base64" of passlib and OpenLDAP's pw-pbkdf2: '.' instead of '+', no padding. The decoder
     * also accepts '+', because pw-pbkdf2's converter skips the first character and so can leave one there.
     */
    static String adaptedBase64(byte[] bytes) {
        return base64NoPad(bytes).replace('+', '.');
    }

    static byte[] adaptedBase64(String text, int maxBytes) {
        if (text == null || text.indexOf('=') >= 0) {
            return null;
        }
        return base64(text.replace('.', '+'), maxBytes);
    }

    /**
     * Parses an unsigned decimal of ASCII digits only, or returns -1 if the text is empty, has another
     * character (sign, space, Unicode digit), or exceeds {@code max}. Digits are bounded before
     * accumulating so "m=999999999999" cannot overflow into a plausible value.
     */
    static long decimal(String text, long max) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > max) {
                return -1;
            }
        }
        return value;
    }

    /** A fresh digest: MessageDigest is not thread-safe, and creating one is cheap next to hashing. */
    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // SHA-1, SHA-256 and SHA-512 are mandatory in every Java platform.
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }
}
