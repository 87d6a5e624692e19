package dev.linden.core;

import dev.linden.model.Dn;

/**
 * Who a connection's operations run as, in one immutable value: several operations of one connection
 * run at once, and each must see a bind's outcome whole (never the new DN with the old administrator
 * flag), so a session swaps this value in one write and an operation reads it once.
 *
 * @param dn the bound identity; the empty (root) DN when anonymous
 * @param administrator whether it is the root DN (outside access control and the password policy)
 * @param proxied whether the connection's own identity acts as this one for one operation (RFC 4370)
 * @param mustChangePassword whether only a change of the bound user's password is allowed (password
 *     policy, after an administrator reset it)
 */
public record Principal(Dn dn, boolean administrator, boolean proxied, boolean mustChangePassword) {
    public static final Principal ANONYMOUS = new Principal(Dn.ROOT, false, false, false);

    public boolean isAnonymous() {
        return dn.isRoot();
    }

    Principal mustChange(boolean required) {
        return new Principal(dn, administrator, proxied, required);
    }
}
