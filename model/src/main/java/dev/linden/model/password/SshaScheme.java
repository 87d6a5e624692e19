package dev.linden.model.password;

import java.security.SecureRandom;

/** {SSHA}: salted SHA-1, base64(digest || salt), as slappasswd writes it. */
public final class SshaScheme extends SaltedDigestScheme {

    public static final String NAME = "SSHA";

    public SshaScheme(SecureRandom random) {
        super(NAME, "SHA-1", 20, random);
    }
}
