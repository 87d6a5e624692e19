package dev.linden.it.cldap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.observability.CldapStats;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.netlogon.Netlogon;
import dev.linden.protocol.netlogon.NetlogonResponse;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.testkit.TestServer;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLDAP listener over real UDP sockets on loopback: what an LDAP ping gets back, byte for byte
 * where it matters; what is refused, dropped and capped, and that the counters say so.
 */
class CldapIT {
    static final String GUID = "6f1e7c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String NETLOGON = "netlogon: {dnsDomain: example.com, hostName: dc1.example.com, netbiosName: DC1, "
            + "site: Lab, domainGuid: " + GUID + "}\n";
    static final String SAMBA_PING = "(&(NtVer=\\06\\00\\00\\00)(DnsDomain=example.com))";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.memory("cldap: {enabled: true, host: 127.0.0.1, port: 0}\n" + NETLOGON);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static NetlogonResponse netlogonOf(LdapMessage m) throws Exception {
        SearchResultEntry e = (SearchResultEntry) m.op();
        assertThat(e.dn()).isEmpty();
        assertThat(e.attributes()).hasSize(1);
        assertThat(e.attributes().get(0).type()).isEqualToIgnoringCase("netlogon");
        assertThat(e.attributes().get(0).values()).hasSize(1);
        return NetlogonResponse.decode(e.attributes().get(0).values().get(0));
    }

    @Test
    void aPingIsAnsweredWithEntryAndResultInOneDatagram() throws Exception {
        try (Datagrams udp = Datagrams.from(11, server.cldapPort())) {
            List<LdapMessage> answer = udp.exchange(Datagrams.ping(4321, SAMBA_PING));
            assertThat(answer).hasSize(2);
            assertThat(answer).allSatisfy(m -> assertThat(m.messageId()).isEqualTo(4321));
            NetlogonResponse r = netlogonOf(answer.get(0));
            assertThat(r.opcode()).isEqualTo(Netlogon.OPCODE_RESPONSE_EX);
            assertThat(r.flags() & (Netlogon.FLAG_LDAP | Netlogon.FLAG_DS | Netlogon.FLAG_WRITABLE))
                    .isEqualTo(Netlogon.FLAG_LDAP | Netlogon.FLAG_DS | Netlogon.FLAG_WRITABLE);
            assertThat(r.flags() & Netlogon.FLAG_KDC).isZero(); // Linden is not a KDC and does not say so
            assertThat(r.domainGuid()).isEqualTo(UUID.fromString(GUID));
            assertThat(List.of(
                            r.forest(),
                            r.dnsDomain(),
                            r.dnsHostName(),
                            r.netbiosDomain(),
                            r.netbiosComputer(),
                            r.userName(),
                            r.dcSite(),
                            r.clientSite()))
                    .containsExactly(
                            "example.com", "example.com", "dc1.example.com", "EXAMPLE", "DC1", "", "Lab", "Lab");
            assertThat(r.ntVersion()).isEqualTo(Netlogon.NT_VERSION_1 | Netlogon.NT_VERSION_5EX);
            assertThat(r.dcAddress()).isNull();
            SearchResultDone done = (SearchResultDone) answer.get(1).op();
            assertThat(done.result().code()).isEqualTo(ResultCode.SUCCESS);
        }
    }

    @Test
    void userAndAccountItemsNeverChangeTheAnswer() throws Exception {
        try (Datagrams udp = Datagrams.from(12, server.cldapPort())) {
            udp.send(Datagrams.ping(7, SAMBA_PING));
            byte[] plain = udp.receive(2000);
            for (String extra : List.of(
                    "(User=Administrator)",
                    "(User=no-such-user-x9)",
                    "(AAC=\\10\\00\\00\\00)",
                    "(User=krbtgt)(AAC=\\00\\02\\00\\00)")) {
                udp.send(Datagrams.ping(7, "(&(NtVer=\\06\\00\\00\\00)(DnsDomain=example.com)" + extra + ")"));
                assertThat(udp.receive(2000)).as(extra).isEqualTo(plain);
            }
        }
    }

    @Test
    void anotherDomainOrGuidGetsTheEntryWithoutNetlogon() throws Exception {
        try (Datagrams udp = Datagrams.from(13, server.cldapPort())) {
            for (String filter : List.of(
                    "(&(NtVer=\\06\\00\\00\\00)(DnsDomain=other.example))",
                    "(&(NtVer=\\06\\00\\00\\00)(DomainGuid=\\00\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f))",
                    "(&(NtVer=\\02\\00\\00\\00)(DnsDomain=example.com))")) { // NT 5 only: no 5EX answer
                List<LdapMessage> answer = udp.exchange(Datagrams.ping(9, filter));
                assertThat(answer).as(filter).hasSize(2);
                assertThat(((SearchResultEntry) answer.get(0).op()).attributes())
                        .as(filter)
                        .isEmpty();
                assertThat(((SearchResultDone) answer.get(1).op()).result().code())
                        .isEqualTo(ResultCode.SUCCESS);
            }
            // the domain as a fully qualified name, with its final dot, and in capitals: the same domain
            assertThat(netlogonOf(udp.exchange(Datagrams.ping(9, "(&(NtVer=\\06\\00\\00\\00)(DnsDomain=EXAMPLE.COM.))"))
                                    .get(0))
                            .dnsDomain())
                    .isEqualTo("example.com");
        }
    }

    @Test
    void theServerAddressWhenTheClientAsksForIt() throws Exception {
        try (Datagrams udp = Datagrams.from(14, server.cldapPort())) {
            NetlogonResponse r = netlogonOf(
                    udp.exchange(Datagrams.ping(3, "(NtVer=\\0e\\00\\00\\00)")).get(0));
            assertThat(r.dcAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(r.ntVersion() & Netlogon.NT_VERSION_5EX_WITH_IP).isNotZero();
        }
    }

    @Test
    void otherSearchesAreRefusedWithLessThanTheyCost() throws Exception {
        try (Datagrams udp = Datagrams.from(15, server.cldapPort())) {
            for (byte[] request : List.of(
                    Datagrams.search(5, "", SearchScope.BASE, "(objectClass=*)"),
                    Datagrams.search(5, "dc=example,dc=com", SearchScope.SUB, "(uid=*)", "cn"),
                    Datagrams.search(5, "", SearchScope.BASE, "(objectClass=*)", "NetLogon"))) { // not a ping's filter
                udp.send(request);
                byte[] answer = udp.receive(2000);
                assertThat(answer.length).isLessThan(request.length);
                List<LdapMessage> messages = Datagrams.split(answer);
                assertThat(messages).hasSize(1);
                assertThat(((SearchResultDone) messages.get(0).op()).result().code())
                        .isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
        }
    }

    @Test
    void malformedOversizedAndSecondMessagesGetNothing() throws Exception {
        CldapStats stats = server.observability().cldap();
        long malformed = stats.drops(CldapStats.Drop.MALFORMED);
        long oversized = stats.drops(CldapStats.Drop.OVERSIZED);
        long unsupported = stats.drops(CldapStats.Drop.UNSUPPORTED);
        try (Datagrams udp = Datagrams.from(16, server.cldapPort())) {
            byte[] ping = Datagrams.ping(11, SAMBA_PING);
            byte[] two = new byte[ping.length * 2]; // two requests in one datagram: one request per datagram
            System.arraycopy(ping, 0, two, 0, ping.length);
            System.arraycopy(ping, 0, two, ping.length, ping.length);
            udp.send(two);
            udp.send(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02, 0x01});
            udp.send(java.util.Arrays.copyOf(ping, ping.length - 3)); // truncated
            udp.send(Datagrams.ping(12, "(&(NtVer=\\06\\00\\00\\00)(DnsDomain=" + "x".repeat(1100) + "))"));
            udp.send(dev.linden.protocol.LdapEncoder.encode(
                    new LdapMessage(13, new dev.linden.protocol.op.AbandonRequest(11))));
            // the next answer is the next ping's: nothing was sent for any of the above
            List<LdapMessage> answer = udp.exchange(Datagrams.ping(14, SAMBA_PING));
            assertThat(answer.get(0).messageId()).isEqualTo(14);
        }
        assertThat(stats.drops(CldapStats.Drop.MALFORMED) - malformed).isEqualTo(3);
        assertThat(stats.drops(CldapStats.Drop.OVERSIZED) - oversized).isEqualTo(1);
        assertThat(stats.drops(CldapStats.Drop.UNSUPPORTED) - unsupported).isEqualTo(1);
    }

    @Test
    void answersOverTheCapsAreReplacedBySmallOnes() throws Exception {
        try (TestServer tight = TestServer.memory("cldap: {enabled: true, host: 127.0.0.1, port: 0, maxReplyRatio: 1, "
                        + "rootDse: true}\n" + NETLOGON);
                Datagrams udp = Datagrams.from(17, tight.cldapPort())) {
            byte[] request = Datagrams.ping(21, SAMBA_PING);
            udp.send(request);
            byte[] answer = udp.receive(2000);
            assertThat(answer.length).isLessThanOrEqualTo(request.length);
            List<LdapMessage> messages = Datagrams.split(answer);
            assertThat(messages).hasSize(1);
            assertThat(((SearchResultDone) messages.get(0).op()).result().code())
                    .isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED);
            assertThat(tight.observability().cldap().answers(CldapStats.Answer.CAPPED))
                    .isEqualTo(1);
            // the root DSE, asked for everything, is far larger than its request
            byte[] all = Datagrams.search(22, "", SearchScope.BASE, "(objectClass=*)", "*", "+");
            udp.send(all);
            assertThat(udp.receive(2000).length).isLessThanOrEqualTo(all.length);
        }
    }

    @Test
    void theSamePingOverTcp() throws Exception {
        // UnboundID, as adcli, realmd and SSSD send it on Debian (their libldap has no cldap://)
        try (com.unboundid.ldap.sdk.LDAPConnection c =
                new com.unboundid.ldap.sdk.LDAPConnection("127.0.0.1", server.port())) {
            var result = c.search("", com.unboundid.ldap.sdk.SearchScope.BASE, SAMBA_PING, "Netlogon");
            assertThat(result.getEntryCount()).isEqualTo(1);
            byte[] value = result.getSearchEntries().get(0).getAttributeValueBytes("netlogon");
            NetlogonResponse r = NetlogonResponse.decode(value);
            assertThat(r.dnsHostName()).isEqualTo("dc1.example.com");
            assertThat(r.domainGuid()).isEqualTo(UUID.fromString(GUID));
            // the same bytes as over UDP
            try (Datagrams udp = Datagrams.from(18, server.cldapPort())) {
                assertThat(netlogonOf(
                                udp.exchange(Datagrams.ping(1, SAMBA_PING)).get(0)))
                        .isEqualTo(r);
            }
            // a root DSE search that is not a ping is answered as ever
            var dse = c.getRootDSE();
            assertThat(dse.getAttributeValues("namingContexts")).containsExactly("dc=example,dc=com");
        }
        // OpenLDAP's ldapsearch, as a shell script would ask
        Process p = new ProcessBuilder(
                        "ldapsearch",
                        "-x",
                        "-LLL",
                        "-H",
                        server.url(),
                        "-b",
                        "",
                        "-s",
                        "base",
                        "(&(DnsDomain=example.com)(NtVer=\\06\\00\\00\\00))",
                        "netlogon")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String base64 = out.replaceAll("\\n ", "").replaceAll("(?si).*netlogon:: (\\S+).*", "$1");
        assertThat(NetlogonResponse.decode(java.util.Base64.getDecoder().decode(base64))
                        .netbiosComputer())
                .isEqualTo("DC1");
    }

    @Test
    void withoutNetlogonSettingsAPingIsAPlainRootDseSearch() throws Exception {
        try (TestServer plain = TestServer.memory();
                com.unboundid.ldap.sdk.LDAPConnection c =
                        new com.unboundid.ldap.sdk.LDAPConnection("127.0.0.1", plain.port())) {
            assertThat(plain.cldapPort()).isEqualTo(-1); // no UDP listener either
            var result = c.search("", com.unboundid.ldap.sdk.SearchScope.BASE, SAMBA_PING, "Netlogon");
            assertThat(result.getEntryCount()).isZero(); // the root DSE has no NtVer to match
        }
    }
}
