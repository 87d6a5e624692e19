package dev.linden.model.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The salted-digest layout shared by OpenLDAP's built-in {SSHA} and its pw-sha2 module's {SSHA256} and
 * {SSHA512}: base64(H(password || salt) || salt). The salt is whatever follows the digest, so values
 * written by any tool with any salt length verify.
 */
abstract class SaltedDigestScheme implements PasswordScheme {

    /** 8 bytes is what slappasswd writes for the SHA-2 variants, and ample for per-entry uniqueness. */
    static final int SALT_LENGTH = 8;

    /** No real tool writes longer salts; the bound keeps a hostile value from costing a big decode. */
    private static final int MAX_SALT_LENGTH = 1024;

    private final String name;
    private final String algorithm;
    private final int digestLength;
    private final SecureRandom random;

    SaltedDigestScheme(String name, String algorithm, int digestLength, SecureRandom random) {
        this.name = name;
        this.algorithm = algorithm;
        this.digestLength = digestLength;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String hash(byte[] clear) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return hash(clear, salt);
    }

    /** Hashes with a given salt: for known-answer tests against slappasswd output. */
    final String hash(byte[] clear, byte[] salt) {
        byte[] digest = digest(clear, salt);
        byte[] stored = Arrays.copyOf(digest, digest.length + salt.length);
        System.arraycopy(salt, 0, stored, digest.length, salt.length);
        return Base64.getEncoder().encodeToString(stored);
    }

    @Override
    public final boolean verify(byte[] clear, String storedWithoutPrefix) {
        byte[] stored = PasswordEncoding.base64(storedWithoutPrefix, digestLength + MAX_SALT_LENGTH);
        // OpenLDAP also rejects a value with no salt byte after the digest.
        if (clear == null || stored == null || stored.length <= digestLength) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(stored, digestLength, stored.length);
        return MessageDigest.isEqual(digest(clear, salt), Arrays.copyOf(stored, digestLength));
    }

    private byte[] digest(byte[] clear, byte[] salt) {
        MessageDigest md = PasswordEncoding.digest(algorithm);
        md.update(clear);
        md.update(salt);
        return md.digest();
    }
}
