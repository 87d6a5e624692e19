package dev.linden.protocol.netlogon;

import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An LDAP ping (MS-ADTS 6.3.3): a base search of the root DSE for the {@code Netlogon} attribute,
 * whose filter is an AND of equality tests naming the domain the client looks for and the response
 * versions it reads (NtVer, 4 bytes little-endian). Samba sends {@code (&(NtVer=...)(DnsDomain=D))},
 * adcli and realmd {@code (&(DnsDomain=D)(NtVer=...))} or {@code (&(NtVer=...)(AAC=...))}.
 *
 * <p>The {@code User} and {@code AAC} items are read only to be ignored: a domain controller that
 * answered "user unknown" for them would let anyone test account names without binding.
 *
 * @param dnsDomain the domain asked for, or null
 * @param domainGuid the domain GUID asked for, or null
 * @param ntVer the NETLOGON_NT_VERSION bits of the response versions the client reads
 */
public record LdapPing(String dnsDomain, java.util.UUID domainGuid, String host, String dnsHostName, int ntVer) {
    /** More equality items than any client sends: such a filter is not a ping. */
    private static final int MAX_ITEMS = 16;

    /** Whether a search asks for the ping's answer: base "" (the root DSE), scope base, Netlogon among its attributes. */
    public static boolean asksForNetlogon(SearchRequest request) {
        if (!request.baseDn().isEmpty() || request.scope() != SearchScope.BASE) {
            return false;
        }
        for (String a : request.attributes()) {
            if (a.equalsIgnoreCase(Netlogon.ATTRIBUTE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ping in a filter, or null when the filter is not one: not an AND of equality tests (one
     * test alone is accepted too), no 4-byte NtVer, a DomainGuid or AAC of the wrong size. Unknown
     * attributes are ignored, as Windows and Samba do.
     */
    public static LdapPing parse(Filter filter) {
        java.util.List<Filter> items;
        if (filter instanceof Filter.And and) {
            items = and.filters();
        } else if (filter instanceof Filter.Equality) {
            items = java.util.List.of(filter);
        } else {
            return null;
        }
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            return null;
        }
        String dnsDomain = null;
        java.util.UUID guid = null;
        String host = null;
        String dnsHostName = null;
        Integer ntVer = null;
        for (Filter f : items) {
            if (!(f instanceof Filter.Equality eq)) {
                return null;
            }
            byte[] v = eq.value();
            switch (eq.attribute().toLowerCase(Locale.ROOT)) {
                case "ntver" -> {
                    if (v.length != 4) {
                        return null;
                    }
                    ntVer = (v[0] & 0xFF) | (v[1] & 0xFF) << 8 | (v[2] & 0xFF) << 16 | (v[3] & 0xFF) << 24;
                }
                case "dnsdomain" -> dnsDomain = new String(v, StandardCharsets.UTF_8);
                case "domainguid" -> {
                    if (v.length != 16) {
                        return null;
                    }
                    guid = NetlogonResponse.guid(v, 0);
                }
                case "host" -> host = new String(v, StandardCharsets.UTF_8);
                case "dnshostname" -> dnsHostName = new String(v, StandardCharsets.UTF_8);
                case "aac" -> {
                    if (v.length != 4) {
                        return null;
                    }
                }
                default -> {
                    // User, DomainSid and anything else: never part of the answer
                }
            }
        }
        return ntVer == null ? null : new LdapPing(dnsDomain, guid, host, dnsHostName, ntVer);
    }

    /** Whether the client reads the extended response (5EX, with or without the server's address). */
    public boolean wantsExtendedResponse() {
        return (ntVer & (Netlogon.NT_VERSION_5EX | Netlogon.NT_VERSION_5EX_WITH_IP)) != 0;
    }

    /** Whether the client asks for the server's IP address in the response. */
    public boolean wantsAddress() {
        return (ntVer & Netlogon.NT_VERSION_5EX_WITH_IP) != 0;
    }
}
