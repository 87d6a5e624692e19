package dev.linden.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.netlogon.Netlogon;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CldapConfigTest {
    @Test
    void offByDefaultAndNoPingAnswers() throws Exception {
        Settings s = ConfigLoader.parse("rootPassword: x\n", "t.yaml");
        assertThat(s.cldap().enabled()).isFalse();
        assertThat(s.netlogon()).isNull();
    }

    @Test
    void theOneLineSwitchDerivesEveryName() throws Exception {
        Settings s = ConfigLoader.parse("""
                rootPassword: x
                suffix: dc=Corp,dc=Example,dc=org
                listen: {host: 192.0.2.5}
                cldap: {enabled: true}
                netlogon: {hostName: ldap1.corp.example.org}
                """, "t.yaml");
        assertThat(s.cldap().enabled()).isTrue();
        assertThat(s.cldap().host()).isEqualTo("192.0.2.5"); // the LDAP listener's
        assertThat(s.cldap().port()).isEqualTo(389);
        assertThat(s.cldap().rootDse()).isFalse();
        var n = s.netlogon();
        assertThat(n.dnsDomain()).isEqualTo("corp.example.org");
        assertThat(n.forest()).isEqualTo("corp.example.org");
        assertThat(n.netbiosDomain()).isEqualTo("CORP");
        assertThat(n.netbiosName()).isEqualTo("LDAP1");
        assertThat(n.site()).isEqualTo("Default-First-Site-Name");
        assertThat(n.flags())
                .isEqualTo(Netlogon.FLAG_LDAP
                        | Netlogon.FLAG_DS
                        | Netlogon.FLAG_WRITABLE
                        | Netlogon.FLAG_CLOSEST
                        | Netlogon.FLAG_DNS_CONTROLLER
                        | Netlogon.FLAG_DNS_DOMAIN
                        | Netlogon.FLAG_DNS_FOREST);
        // the same domain always gets the same GUID, so clients that remember it keep finding it
        assertThat(n.domainGuid())
                .isEqualTo(ConfigLoader.parse(
                                "rootPassword: x\nsuffix: dc=corp,dc=example,dc=org\nnetlogon: {enabled: true}\n", "u")
                        .netlogon()
                        .domainGuid());
    }

    @Test
    void everyNameAndFlagAsConfigured() throws Exception {
        Settings s = ConfigLoader.parse("""
                rootPassword: x
                netlogon:
                  enabled: true
                  dnsDomain: eu.corp.example.org.
                  forest: corp.example.org
                  hostName: dc7.eu.corp.example.org
                  netbiosDomain: EU
                  netbiosName: DC7
                  site: Paris
                  domainGuid: 0e85405a-1716-3745-ac57-c2448fe3bce8
                  flags: [ldap, ds, kdc, gc]
                  address: 192.0.2.7
                """, "t.yaml");
        var n = s.netlogon();
        assertThat(n.dnsDomain()).isEqualTo("eu.corp.example.org");
        assertThat(n.domainGuid()).isEqualTo(UUID.fromString("0e85405a-1716-3745-ac57-c2448fe3bce8"));
        assertThat(n.flags() & Netlogon.FLAG_DNS_FOREST).isZero(); // not the forest's root domain
        assertThat(n.flags() & (Netlogon.FLAG_KDC | Netlogon.FLAG_GC)).isEqualTo(Netlogon.FLAG_KDC | Netlogon.FLAG_GC);
        assertThat(n.address().getHostAddress()).isEqualTo("192.0.2.7");
        assertThat(s.cldap().enabled()).isFalse(); // pings over TCP only
    }

    @Test
    void mistakesNameTheKey() {
        String base = "rootPassword: x\n";
        assertThatThrownBy(() -> ConfigLoader.parse(base + "cldap: {enabled: true, port: 70000}\n", "t.yaml"))
                .hasMessage("t.yaml: cldap.port 70000 is not a UDP port (0-65535)");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "cldap: {maxReplyRatio: 0}\n", "t.yaml"))
                .hasMessage("t.yaml: cldap.maxReplyRatio must be between 1 and 100, not 0");
        assertThatThrownBy(
                        () -> ConfigLoader.parse(base + "netlogon: {enabled: true, flags: [ldap, fast]}\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml: netlogon.flags: unknown flag 'fast'");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "netlogon: {enabled: true, domainGuid: nope}\n", "t.yaml"))
                .hasMessageContaining("netlogon.domainGuid 'nope' is not a GUID");
        assertThatThrownBy(() -> ConfigLoader.parse(
                        base + "netlogon: {enabled: true, netbiosName: ABCDEFGHIJKLMNOP}\n", "t.yaml"))
                .hasMessageContaining("netlogon.netbiosName 'ABCDEFGHIJKLMNOP' must be 1 to 15 characters");
        assertThatThrownBy(() ->
                        ConfigLoader.parse(base + "netlogon: {enabled: true, address: ldap.example.com}\n", "t.yaml"))
                .hasMessageContaining("netlogon.address 'ldap.example.com' is not an IPv4 address");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "suffix: o=Example\nnetlogon: {enabled: true}\n", "t.yaml"))
                .hasMessageContaining("netlogon.dnsDomain is needed");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "netlogon: {enabled: true, hostName: a..b}\n", "t.yaml"))
                .hasMessageContaining("netlogon.hostName 'a..b' is not a DNS name");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "cldap: {enable: true}\n", "t.yaml"))
                .hasMessageContaining("unknown key 'enable'");
    }
}
