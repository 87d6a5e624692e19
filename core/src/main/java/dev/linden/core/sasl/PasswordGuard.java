package dev.linden.core.sasl;

import dev.linden.model.LdapException;

/**
 * Wraps a password check of a SASL mechanism (PLAIN, SCRAM) in what a simple bind's check gets:
 * throttling of guessing, and the password policy's lockout and failure counting, so no mechanism
 * is a way around them. Told as well when a client certificate proved an identity (EXTERNAL), which
 * checks no password but proves as much.
 */
@FunctionalInterface
public interface PasswordGuard {
    /** No throttling and no policy (unit tests of the mechanisms alone). */
    PasswordGuard NONE = (identity, check) -> check.verify();

    /** Runs the check for this identity; false or an exception (invalidCredentials, a lock) fails the bind. */
    boolean verify(Identity identity, Check check) throws LdapException;

    /** A client certificate proved this identity (EXTERNAL); nothing by default. */
    default void certified(Identity identity) {}

    @FunctionalInterface
    interface Check {
        boolean verify() throws LdapException;
    }
}
