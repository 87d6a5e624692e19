package dev.linden.core.sasl;

import dev.linden.model.LdapException;

/**
 * One SASL authentication exchange (RFC 4422 section 3): the mechanism's state between the client's
 * messages. A multi-step exchange is kept in the session while the server waits for the next bind
 * request; any error ends it.
 */
public interface SaslExchange {
    /** The name of the mechanism this exchange runs, as registered. */
    String mechanism();

    /**
     * Evaluates the client's next message (null when the bind request carried no credentials); a
     * password check goes through {@code guard}.
     *
     * @throws LdapException the exchange failed: invalidCredentials for wrong or malformed credentials, or
     *     another code the mechanism documents
     */
    SaslOutcome evaluate(byte[] response, PasswordGuard guard) throws LdapException;

    /** How a mechanism whose exchange holds no state of its own answers a message. */
    @FunctionalInterface
    interface Step {
        SaslOutcome evaluate(byte[] response, PasswordGuard guard) throws LdapException;
    }

    /** An exchange of a mechanism that keeps no state between messages (EXTERNAL, PLAIN). */
    static SaslExchange stateless(String mechanism, Step step) {
        return new SaslExchange() {
            @Override
            public String mechanism() {
                return mechanism;
            }

            @Override
            public SaslOutcome evaluate(byte[] response, PasswordGuard guard) throws LdapException {
                return step.evaluate(response, guard);
            }
        };
    }
}
