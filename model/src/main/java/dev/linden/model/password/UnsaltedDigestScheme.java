package dev.linden.model.password;

import java.security.MessageDigest;

/**
 * Unsalted base64(H(password)), as OpenLDAP's {SHA} and pw-sha2's {SHA256}/{SHA512} store it. Verify-only:
 * without a salt, equal passwords give equal hashes and precomputed tables apply, so Linden never writes
 * these; it only accepts them so directories migrated from OpenLDAP keep working until users rebind.
 */
abstract class UnsaltedDigestScheme implements PasswordScheme {

    private final String name;
    private final String algorithm;
    private final int digestLength;

    UnsaltedDigestScheme(String name, String algorithm, int digestLength) {
        this.name = name;
        this.algorithm = algorithm;
        this.digestLength = digestLength;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean canHash() {
        return false;
    }

    @Override
    public final String hash(byte[] clear) {
        throw new UnsupportedOperationException("{" + name + "} is unsalted and accepted for verification only");
    }

    @Override
    public final boolean verify(byte[] clear, String storedWithoutPrefix) {
        byte[] stored = PasswordEncoding.base64(storedWithoutPrefix, digestLength);
        if (clear == null || stored == null || stored.length != digestLength) {
            return false;
        }
        return MessageDigest.isEqual(PasswordEncoding.digest(algorithm).digest(clear), stored);
    }
}
