package dev.linden.model.password;

/**
 * One RFC 2307-style password storage scheme, the part between the braces of a {@code {SCHEME}} prefix.
 * Implementations are stateless apart from a thread-safe salt source, so one instance serves every bind.
 */
public interface PasswordScheme {

    /** The scheme name without braces, upper case as OpenLDAP writes it, e.g. {@code SSHA256}. */
    String name();

    /**
     * Hashes a clear password with a fresh salt and returns the stored form WITHOUT the {@code {SCHEME}}
     * prefix. Verify-only schemes throw {@link UnsupportedOperationException}.
     */
    String hash(byte[] clear);

    /**
     * Whether {@code clear} matches {@code storedWithoutPrefix}. A malformed stored value is simply a
     * mismatch: it returns false and never throws, because a bind must fail closed, not break the connection.
     */
    boolean verify(byte[] clear, String storedWithoutPrefix);

    /**
     * False for schemes kept only so imported legacy values still verify (unsalted digests): the registry
     * refuses to write new values with them.
     */
    default boolean canHash() {
        return true;
    }

    /**
     * True for schemes made to be slow (key stretching: milliseconds a check), false for digests
     * (microseconds): a slow check is never run on a network thread.
     */
    default boolean isSlow() {
        return false;
    }
}
