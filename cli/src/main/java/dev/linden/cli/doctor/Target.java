package dev.linden.cli.doctor;

import java.nio.file.Path;

/**
 * What doctor examines, and how.
 *
 * @param ldapPort the plain LDAP port (StartTLS): 389 unless given as HOST:PORT
 * @param ldapsPort the LDAPS port, or -1 not to look
 * @param timeoutMillis how long any one network step may take (a filtered port costs this much)
 * @param serverName the name certificates must carry (the host unless --name says otherwise)
 * @param caFile CA certificates to trust (PEM), or null for the JVM's
 * @param bindDn with {@code password}: the credentials for the checks that need a bind, or null
 * @param cldapPort the UDP port of CLDAP, or -1 not to look
 * @param domain the DNS domain for SRV records, or null to take it from the naming contexts
 * @param dnsServer the DNS server for SRV look-ups ("host" or "host:port"), or null for the system's
 */
public record Target(
        String host,
        int ldapPort,
        int ldapsPort,
        int timeoutMillis,
        String serverName,
        Path caFile,
        String bindDn,
        String password,
        int cldapPort,
        String domain,
        String dnsServer) {
    String display() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + ldapPort;
    }
}
