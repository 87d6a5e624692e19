package dev.linden.observability.security;

/**
 * The key a client address counts under: the IPv4 address, or the IPv6 /64 (a client usually holds
 * a whole /64, so counting single IPv6 addresses would let it rotate through billions).
 */
final class AddressKeys {
    private AddressKeys() {}

    /** From the host part of a session's address ("192.0.2.1", "2001:db8:0:0:1:2:3:4"). */
    static String of(String host) {
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent);
        }
        if (host.indexOf(':') < 0) {
            return host;
        }
        // Java writes IPv6 addresses in full (eight groups, no "::"); anything else is kept as written
        String[] groups = host.split(":", -1);
        if (groups.length != 8) {
            return host;
        }
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
    }
}
