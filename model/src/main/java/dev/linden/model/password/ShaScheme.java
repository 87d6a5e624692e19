package dev.linden.model.password;

/** {SHA}: unsalted SHA-1, verify-only (see {@link UnsaltedDigestScheme} for why). */
public final class ShaScheme extends UnsaltedDigestScheme {

    public static final String NAME = "SHA";

    public ShaScheme() {
        super(NAME, "SHA-1", 20);
    }
}
