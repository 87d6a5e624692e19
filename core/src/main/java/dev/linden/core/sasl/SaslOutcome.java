package dev.linden.core.sasl;

/** What one step of a SASL exchange leads to: another challenge, or an authenticated client. */
public sealed interface SaslOutcome {
    /** The exchange goes on: the challenge is sent back with saslBindInProgress (14). */
    record Challenge(byte[] challenge) implements SaslOutcome {}

    /**
     * The client proved {@code authenticated}; it asks to act as {@code authzId} (RFC 4422 3.4.1: null or
     * empty for its own identity). {@code serverData} is the additional data sent with the success (null: none).
     */
    record Authenticated(Identity authenticated, String authzId, byte[] serverData) implements SaslOutcome {}
}
