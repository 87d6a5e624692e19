package dev.linden.model.password;

import java.security.SecureRandom;

/** {SSHA256}: salted SHA-256, base64(digest || salt), as slappasswd writes it. */
public final class Ssha256Scheme extends SaltedDigestScheme {

    public static final String NAME = "SSHA256";

    public Ssha256Scheme(SecureRandom random) {
        super(NAME, "SHA-256", 32, random);
    }
}
