package dev.linden.core.netlogon;

import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.netlogon.LdapPing;
import dev.linden.protocol.netlogon.Netlogon;
import dev.linden.protocol.netlogon.NetlogonResponse;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.op.SearchResultEntry;
import java.net.Inet4Address;
import java.util.List;
import java.util.Locale;

/**
 * Answers the LDAP ping, over TCP (from the root DSE's search path) and over UDP (the CLDAP
 * listener): one root DSE entry whose only attribute is {@code Netlogon}, a
 * NETLOGON_SAM_LOGON_RESPONSE_EX built from the settings, then success. The answer depends only on
 * the configuration, the domain the client names and the response version it reads; the user and
 * account items of the filter never change it, so nobody can probe accounts with pings. A ping for
 * another domain or GUID, or for a response version older than 5EX, gets the entry without the
 * attribute, as Active Directory answers it.
 */
public final class NetlogonAnswer {
    private final NetlogonSettings settings;
    private final String domain;

    public NetlogonAnswer(NetlogonSettings settings) {
        this.settings = settings;
        this.domain = settings.dnsDomain().toLowerCase(Locale.ROOT);
        response(null); // a name that cannot be written fails at start, not per ping
    }

    /** Whether a search is an LDAP ping: a base search of the root DSE for Netlogon with a ping's filter. */
    public static boolean isPing(SearchRequest request) {
        return LdapPing.asksForNetlogon(request) && LdapPing.parse(request.filter()) != null;
    }

    /** Answers a ping (check {@link #isPing} first) on a connection: the entry, then the final response. */
    public Response answer(OperationContext ctx, SearchRequest request) {
        ctx.sink().send(new LdapMessage(ctx.request().messageId(), entry(request, null)));
        return new Response(new SearchResultDone(LdapResult.success()));
    }

    /**
     * The root DSE entry answering a ping.
     *
     * @param receivedOn the address the request came in on, announced when the client asks for the
     *     server's address and none is configured (null: unknown)
     */
    public SearchResultEntry entry(SearchRequest request, Inet4Address receivedOn) {
        LdapPing ping = LdapPing.parse(request.filter());
        if (ping == null || !ping.wantsExtendedResponse() || !forThisDomain(ping)) {
            return new SearchResultEntry("", List.of());
        }
        Inet4Address address = settings.address() != null ? settings.address() : receivedOn;
        byte[] value = response(ping.wantsAddress() ? address : null).encode();
        return new SearchResultEntry("", List.of(new PartialAttribute(Netlogon.ATTRIBUTE, List.of(value))));
    }

    private boolean forThisDomain(LdapPing ping) {
        if (ping.domainGuid() != null && !ping.domainGuid().equals(settings.domainGuid())) {
            return false;
        }
        if (ping.dnsDomain() == null) {
            return true;
        }
        String asked = ping.dnsDomain().toLowerCase(Locale.ROOT);
        return asked.equals(domain) || asked.equals(domain + ".");
    }

    private NetlogonResponse response(Inet4Address address) {
        int ntVersion = Netlogon.NT_VERSION_1
                | Netlogon.NT_VERSION_5EX
                | (address == null ? 0 : Netlogon.NT_VERSION_5EX_WITH_IP);
        return new NetlogonResponse(
                Netlogon.OPCODE_RESPONSE_EX,
                settings.flags(),
                settings.domainGuid(),
                settings.forest(),
                settings.dnsDomain(),
                settings.hostName(),
                settings.netbiosDomain(),
                settings.netbiosName(),
                "",
                settings.site(),
                settings.site(),
                address,
                null,
                ntVersion);
    }
}
