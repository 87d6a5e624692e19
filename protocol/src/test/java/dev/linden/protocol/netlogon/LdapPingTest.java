package dev.linden.protocol.netlogon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.SearchRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class LdapPingTest {
    static LdapPing ping(String filter) throws Exception {
        return LdapPing.parse(FilterText.parse(filter));
    }

    @Test
    void readsWhatRealClientsSend() throws Exception {
        // Samba (net ads lookup), adcli info, SSSD
        LdapPing samba = ping("(&(NtVer=\\06\\00\\00\\00)(DnsDomain=example.com))");
        assertThat(samba).isEqualTo(new LdapPing("example.com", null, null, null, 6));
        assertThat(samba.wantsExtendedResponse()).isTrue();
        assertThat(samba.wantsAddress()).isFalse();
        assertThat(ping("(&(DnsDomain=EXAMPLE.COM)(NtVer=\\06\\00\\00\\00))").dnsDomain())
                .isEqualTo("EXAMPLE.COM");
        assertThat(ping("(&(NtVer=\\06\\00\\00\\00)(AAC=\\00\\00\\00\\00))").ntVer())
                .isEqualTo(6);
        assertThat(ping("(&(DnsDomain=example.com)(DnsHostName=client.example.com)(NtVer=\\14\\00\\00\\00))"))
                .isEqualTo(new LdapPing("example.com", null, null, "client.example.com", 0x14));
        assertThat(ping("(NtVer=\\0e\\00\\00\\00)").wantsAddress()).isTrue();
    }

    @Test
    void domainGuidInMicrosoftOrder() throws Exception {
        LdapPing p = ping(
                "(&(DomainGuid=\\33\\22\\11\\00\\55\\44\\77\\66\\88\\99\\aa\\bb\\cc\\dd\\ee\\ff)(NtVer=\\04\\00\\00\\00))");
        assertThat(p.domainGuid()).isEqualTo(NetlogonResponseTest.GUID);
    }

    @Test
    void userAndAccountFieldsLeaveNoTrace() throws Exception {
        assertThat(ping("(&(DnsDomain=example.com)(User=administrator)(AAC=\\10\\00\\00\\00)(NtVer=\\06\\00\\00\\00))"))
                .isEqualTo(ping("(&(DnsDomain=example.com)(NtVer=\\06\\00\\00\\00))"));
    }

    @Test
    void notPings() throws Exception {
        assertThat(ping("(objectClass=*)")).isNull();
        assertThat(ping("(&(DnsDomain=example.com))")).isNull(); // no NtVer
        assertThat(ping("(NtVer=\\06\\00\\00)")).isNull(); // 3 bytes
        assertThat(ping("(&(NtVer=\\06\\00\\00\\00)(AAC=\\00))")).isNull();
        assertThat(ping("(&(NtVer=\\06\\00\\00\\00)(DomainGuid=\\00))")).isNull();
        assertThat(ping("(|(NtVer=\\06\\00\\00\\00))")).isNull();
        assertThat(ping("(&(NtVer=\\06\\00\\00\\00)(!(DnsDomain=x)))")).isNull();
        assertThat(ping("(&(NtVer=\\06\\00\\00\\00)" + "(Host=x)".repeat(16) + ")"))
                .isNull();
    }

    @Test
    void asksForNetlogonOnlyAtTheRootDse() throws Exception {
        var f = FilterText.parse("(NtVer=\\06\\00\\00\\00)");
        assertThat(LdapPing.asksForNetlogon(search("", SearchScope.BASE, f, "netlogon")))
                .isTrue();
        assertThat(LdapPing.asksForNetlogon(search("", SearchScope.BASE, f, "cn", "NETLOGON")))
                .isTrue();
        assertThat(LdapPing.asksForNetlogon(search("", SearchScope.BASE, f, "*")))
                .isFalse();
        assertThat(LdapPing.asksForNetlogon(search("", SearchScope.ONE, f, "Netlogon")))
                .isFalse();
        assertThat(LdapPing.asksForNetlogon(search("dc=example,dc=com", SearchScope.BASE, f, "Netlogon")))
                .isFalse();
    }

    static SearchRequest search(String base, SearchScope scope, dev.linden.protocol.filter.Filter f, String... attrs) {
        return new SearchRequest(base, scope, DerefAliases.NEVER, 0, 0, false, f, List.of(attrs));
    }
}
