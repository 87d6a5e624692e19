package dev.linden.model.password;

/** {SHA256}: unsalted SHA-256, verify-only (see {@link UnsaltedDigestScheme} for why). */
public final class Sha256Scheme extends UnsaltedDigestScheme {

    public static final String NAME = "SHA256";

    public Sha256Scheme() {
        super(NAME, "SHA-256", 32);
    }
}
