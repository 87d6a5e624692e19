package dev.linden.server.config;

import dev.linden.core.SecurityRules;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses settings under which nobody could ever authenticate: the administrator binds with a
 * password (simple or SASL PLAIN), and a password needs TLS unless binds without it are allowed,
 * from anywhere or from this machine. A server that starts but refuses every login looks broken
 * to whoever tries it first, so the start fails instead, saying which settings to change.
 */
final class LoginCheck {
    private LoginCheck() {}

    static void someoneCanBind(SecurityRules rules, String host, String origin) throws ConfigException {
        if (rules.tlsAvailable()) {
            return; // StartTLS, and LDAPS where configured
        }
        boolean loopbackUsable = rules.loopbackExempt() && reachableFromLoopback(host);
        if (rules.tlsForEverything() && !loopbackUsable) {
            throw new ConfigException(
                    origin + ": nobody could use this server: security.requireTls needs TLS for everything, "
                            + "and tls.enabled: false turns TLS off; turn TLS on (remove tls.enabled: false), or set "
                            + "security.loopbackExempt: true for clients on this machine");
        }
        if (rules.tlsForBind() && !loopbackUsable) {
            throw new ConfigException(
                    origin + ": nobody could log in: simple binds need TLS (security.requireTlsForBind), "
                            + "and tls.enabled: false turns TLS off"
                            + (rules.loopbackExempt()
                                    ? " (security.loopbackExempt cannot "
                                            + "help: clients on this machine cannot reach " + host + " over loopback)"
                                    : "")
                            + "; turn TLS on (remove tls.enabled: false), allow binds from this machine "
                            + "(security.loopbackExempt: true, listening on 0.0.0.0 or 127.0.0.1), "
                            + "or set security.requireTlsForBind: false");
        }
    }

    /** Whether a client on this machine can connect from a loopback address: a wildcard or loopback listener. */
    private static boolean reachableFromLoopback(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the listener will fail on it anyway, with its own message
        }
    }
}
