package dev.linden.model.password;

import java.security.SecureRandom;

/** {SSHA512}: salted SHA-512, base64(digest || salt), as slappasswd writes it. */
public final class Ssha512Scheme extends SaltedDigestScheme {

    public static final String NAME = "SSHA512";

    public Ssha512Scheme(SecureRandom random) {
        super(NAME, "SHA-512", 64, random);
    }
}
