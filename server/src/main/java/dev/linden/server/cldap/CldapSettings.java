package dev.linden.server.cldap;

/**
 * The CLDAP listener (LDAP over UDP, RFC 1798's connectionless LDAP as Active Directory keeps it
 * for the LDAP ping) and its limits against reflection attacks.
 *
 * @param enabled whether to listen at all (off by default: UDP answers can be sent to a forged source)
 * @param host the address to listen on; a wildcard (0.0.0.0, ::) listens on each local address
 *     separately, so every answer leaves from the address its request was sent to
 * @param port the UDP port (389; 0 for any free port, in tests)
 * @param rootDse whether plain root DSE searches are answered too, not only pings
 * @param maxRequestBytes datagrams larger than this are dropped unread
 * @param maxReplyBytes no answer is larger than this (one unfragmented datagram)
 * @param maxReplyRatio no answer is more than this many times the size of its request
 * @param sourceRate requests per second answered per source address (IPv6: per /64)
 * @param sourceBurst requests a quiet source may send at once
 * @param globalRate requests per second answered from all sources together
 * @param maxSources source addresses remembered; past it the least recently seen is forgotten
 */
public record CldapSettings(
        boolean enabled,
        String host,
        int port,
        boolean rootDse,
        int maxRequestBytes,
        int maxReplyBytes,
        int maxReplyRatio,
        int sourceRate,
        int sourceBurst,
        int globalRate,
        int maxSources) {
    public static final CldapSettings OFF =
            new CldapSettings(false, "0.0.0.0", 389, false, 1024, 1200, 4, 5, 10, 1000, 65_536);
}
