package dev.linden.model.password;

/** {SHA512}: unsalted SHA-512, verify-only (see {@link UnsaltedDigestScheme} for why). */
public final class Sha512Scheme extends UnsaltedDigestScheme {

    public static final String NAME = "SHA512";

    public Sha512Scheme() {
        super(NAME, "SHA-512", 64);
    }
}
