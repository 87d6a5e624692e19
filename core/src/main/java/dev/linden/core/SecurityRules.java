package dev.linden.core;

/**
 * When TLS is required (RFC 4513 section 5 and 6): secure by default, simple binds need TLS; a
 * listener may require TLS for everything; connections from this machine may be exempted.
 *
 * @param tlsForBind simple binds with a password need a TLS-protected connection
 * @param tlsForEverything every operation but StartTLS, Unbind and reading the root DSE needs TLS
 * @param loopbackExempt connections from 127.0.0.0/8 or ::1 are treated as protected
 * @param tlsAvailable whether the server has a certificate (StartTLS is then offered in the root DSE)
 */
public record SecurityRules(
        boolean tlsForBind, boolean tlsForEverything, boolean loopbackExempt, boolean tlsAvailable) {
    public static final SecurityRules DEFAULT = new SecurityRules(true, false, false, false);

    public SecurityRules withTlsAvailable(boolean available) {
        return new SecurityRules(tlsForBind, tlsForEverything, loopbackExempt, available);
    }

    /** Whether this session's traffic counts as protected. */
    public boolean isProtected(Session session) {
        return session.isSecure() || (loopbackExempt && session.isLoopback());
    }
}
