package dev.linden.core.netlogon;

import java.net.Inet4Address;
import java.util.UUID;

/**
 * Who this server says it is when answering an LDAP ping (MS-ADTS 6.3.3), as configured in the
 * {@code netlogon} section of linden.yaml: names in DNS and NetBIOS form, the site, the domain's GUID
 * and the DS_FLAG bits (see {@link dev.linden.protocol.netlogon.Netlogon}).
 *
 * @param address the IPv4 address announced to clients that ask for it (NtVer 5EX_WITH_IP), or null to
 *     announce the address the request came in on when the listener knows it, and none otherwise
 */
public record NetlogonSettings(
        String dnsDomain,
        String forest,
        String hostName,
        String netbiosDomain,
        String netbiosName,
        String site,
        UUID domainGuid,
        int flags,
        Inet4Address address) {}
