package dev.linden.core.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a server keeps to check SCRAM-SHA-256 (RFC 5802, RFC 7677) without the password: the salt, the
 * iteration count, StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey =
 * HMAC(SaltedPassword, "Server Key"). Stored as an authPassword value (RFC 3112) in the form of
 * RFC 5803: {@code SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>}.
 */
public record ScramCredentials(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final String SCHEME = "SCRAM-SHA-256";
    /** RFC 7677 section 4: at least 4096. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** Values above this are refused when read, so a forged value cannot make a bind spin. */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ScramCredentials {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** The credentials for a password (SASLprep applied), with a fresh random salt. */
    public static ScramCredentials derive(byte[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return derive(password, salt, DEFAULT_ITERATIONS);
    }

    public static ScramCredentials derive(byte[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new ScramCredentials(iterations, salt, sha256(clientKey), serverKey);
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i), Hi being PBKDF2 with HMAC-SHA-256 (RFC 5802 section 2.2). */
    static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        byte[] key = SaslPrep.prepare(password);
        if (key.length == 0) {
            throw new IllegalArgumentException("an empty password has no SCRAM credentials");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

    /** The authPassword value (RFC 5803). */
    public String toAuthPassword() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /**
     * Reads an authPassword value; null when it is not a well-formed SCRAM-SHA-256 value (another scheme,
     * bad base64, keys of the wrong length, an iteration count out of range).
     */
    public static ScramCredentials parse(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        // authPasswordValue = w scheme s authInfo s authValue w; s = w "$" w (RFC 3112 section 2.2)
        String[] parts = text.strip().split("\\s*\\$\\s*", -1);
        if (parts.length != 3 || !parts[0].toUpperCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        String[] info = parts[1].split(":", -1);
        String[] keys = parts[2].split(":", -1);
        if (info.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(info[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(info[1]);
            byte[] stored = b64.decode(keys[0]);
            byte[] server = b64.decode(keys[1]);
            if (iterations < 1
                    || iterations > MAX_ITERATIONS
                    || salt.length == 0
                    || stored.length != HASH_BYTES
                    || server.length != HASH_BYTES) {
                return null;
            }
            return new ScramCredentials(iterations, salt, stored, server);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return null;
        }
    }

    /** Whether this is the password these credentials were derived from. */
    public boolean matches(byte[] password) {
        try {
            return MessageDigest.isEqual(derive(password, salt, iterations).storedKey, storedKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials c
                && c.iterations == iterations
                && Arrays.equals(c.salt, salt)
                && Arrays.equals(c.storedKey, storedKey)
                && Arrays.equals(c.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[" + SCHEME + ", " + iterations + " iterations]";
    }
}
