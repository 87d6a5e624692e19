package dev.linden.observability;

import dev.linden.model.Entry;

/**
 * What the password policy knows about an account after one of its binds failed: whether it was
 * locked already, or this failure locked it. The result code cannot say (a locked account is
 * answered invalidCredentials like a wrong password). {@link EntryLockouts} reads the state the
 * password policy keeps in the entry; a password policy that reports lockouts as they happen can
 * implement this instead.
 */
public interface LockoutSource {
    enum State {
        /** the account is not locked */
        NOT_LOCKED,
        /** the account was locked before this bind */
        LOCKED,
        /** this failed bind locked the account */
        LOCKED_NOW
    }

    /**
     * @param account the account's normalised DN
     * @param entry the account's entry, read after the bind
     * @param bindStartedMillis when the failed bind started
     */
    State after(String account, Entry entry, long bindStartedMillis);
}
