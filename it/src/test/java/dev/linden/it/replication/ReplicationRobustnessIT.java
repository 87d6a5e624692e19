package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import dev.linden.testkit.TcpProxy;
import dev.linden.testkit.TestServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication under the failures that happen: a consumer killed with SIGKILL in the middle of its
 * initial refresh and while persisting, a provider killed and restarted, a link that is cut, slow or
 * reset, a consumer away longer than the changelog keeps changes, and a consumer that never reads.
 * Each ends with the replica holding exactly the provider's entries at the provider's CSNs.
 */
class ReplicationRobustnessIT {
    private static final String BASE = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + BASE;

    private static String people(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("dn: uid=u")
                    .append(i)
                    .append(',')
                    .append(PEOPLE)
                    .append('\n')
                    .append("objectClass: inetOrgPerson\nuid: u")
                    .append(i)
                    .append("\ncn: User ")
                    .append(i)
                    .append("\nsn: U\nmail: u")
                    .append(i)
                    .append("@example.com\n\n");
        }
        return sb.toString();
    }

    private static String source(int port, String extra) {
        return """
                serverId: 2
                replication:
                  sources:
                    - rid: 1
                      provider: ldap://127.0.0.1:%d
                      bindDn: %s
                      password: %s
                      base: %s
                      retrySeconds: [1]
                      timeoutSeconds: 3
                %s""".formatted(port, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD, BASE, extra);
    }

    private static LDAPConnection admin(TestServer s) throws Exception {
        return new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    private static void awaitCount(ServerProcess replica, int atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try (LDAPConnection c = replica.admin()) {
                var e = c.getEntry(PEOPLE, "numSubordinates");
                if (e != null && e.getAttributeValueAsInteger("numSubordinates") >= atLeast) {
                    return;
                }
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                throw new AssertionError("the replica stopped answering: " + replica.log(), e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the replica never held " + atLeast + " entries: " + replica.log());
    }

    @Test
    void aConsumerKilledDuringItsRefreshAndWhilePersistingLosesNothingAndDuplicatesNothing(@TempDir Path dir)
            throws Exception {
        int n = 50_000;
        try (TestServer provider =
                TestServer.memory("").loadResource("sample.ldif").loadLdif(people(0, n))) {
            ServerProcess replica = ServerProcess.start(dir.resolve("replica"), source(provider.port(), ""));
            try {
                awaitCount(replica, n * 3 / 10);
                replica.kill(); // at about 30%
                replica.restart();
                awaitCount(replica, n * 9 / 10);
                replica.kill(); // at about 90%
                replica.restart();
                Convergence.await(() -> admin(provider), replica::admin, BASE, 180);
                try (LDAPConnection p = admin(provider)) { // now persisting: changes, a kill, more changes
                    p.modify("uid=u1," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "before"));
                    Convergence.await(() -> admin(provider), replica::admin, BASE, 60);
                    replica.kill();
                    p.delete("uid=u2," + PEOPLE);
                    p.modifyDN("uid=u3," + PEOPLE, "uid=u3-renamed", true);
                    p.add(
                            "uid=late," + PEOPLE,
                            new Attribute("objectClass", "inetOrgPerson"),
                            new Attribute("uid", "late"),
                            new Attribute("cn", "Late"),
                            new Attribute("sn", "L"));
                    replica.restart();
                }
                Convergence.await(() -> admin(provider), replica::admin, BASE, 120);
            } finally {
                replica.close();
            }
        }
    }

    @Test
    void aProviderKilledAndRestartedIsFollowedAgain(@TempDir Path dir) throws Exception {
        ServerProcess provider = ServerProcess.start(dir.resolve("provider"), "");
        try (LDAPConnection p = provider.admin()) { // serve made the suffix entry
            p.add(PEOPLE, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "people"));
        }
        try (TestServer replica = TestServer.memory(source(provider.port(), ""))) {
            Convergence.await(provider::admin, () -> admin(replica), BASE, 60);
            provider.kill();
            provider.restart();
            try (LDAPConnection p = provider.admin()) {
                p.add(
                        "uid=after,ou=people," + BASE,
                        new Attribute("objectClass", "inetOrgPerson"),
                        new Attribute("uid", "after"),
                        new Attribute("cn", "After"),
                        new Attribute("sn", "A"));
            }
            Convergence.await(provider::admin, () -> admin(replica), BASE, 60);
        } finally {
            provider.close();
        }
    }

    @Test
    void slapdFollowsALindenProviderKilledAndRestarted(@TempDir Path dir) throws Exception {
        ServerProcess provider = ServerProcess.start(dir.resolve("provider"), "");
        try (LDAPConnection p = provider.admin()) {
            p.add(PEOPLE, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "people"));
        }
        try (dev.linden.it.slapd.Slapd slapd = dev.linden.it.slapd.Slapd.start(
                "", """
                syncrepl rid=004 provider=ldap://127.0.0.1:%d bindmethod=simple binddn="%s"
                  credentials=%s searchbase="%s" type=refreshAndPersist retry="1 +" timeout=3
                """.formatted(provider.port(), ServerProcess.ADMIN_DN, ServerProcess.ADMIN_PASSWORD, BASE))) {
            java.util.concurrent.Callable<LDAPConnection> replica = () -> new LDAPConnection(
                    "127.0.0.1",
                    slapd.port(),
                    dev.linden.it.slapd.Slapd.ADMIN_DN,
                    dev.linden.it.slapd.Slapd.ADMIN_PASSWORD);
            Convergence.await(provider::admin, replica, BASE, 60);
            provider.kill();
            provider.restart();
            try (LDAPConnection p = provider.admin()) {
                p.add(
                        "uid=after," + PEOPLE,
                        new Attribute("objectClass", "inetOrgPerson"),
                        new Attribute("uid", "after"),
                        new Attribute("cn", "After"),
                        new Attribute("sn", "A"));
            }
            Convergence.await(provider::admin, replica, BASE, 60);
        } finally {
            provider.close();
        }
    }

    @Test
    void aCutSlowOrResetLinkHealsAndConverges() throws Exception {
        try (TestServer provider =
                        TestServer.memory("").loadResource("sample.ldif").loadLdif(people(0, 200));
                TcpProxy link = new TcpProxy(provider.port());
                TestServer replica = TestServer.memory(source(link.port(), ""));
                LDAPConnection p = admin(provider)) {
            Convergence.await(() -> admin(provider), () -> admin(replica), BASE, 60);
            link.mode(TcpProxy.Mode.BLACKHOLE); // a partition: connections hang, nothing passes
            for (int i = 0; i < 20; i++) {
                p.modify(
                        "uid=u" + i + "," + PEOPLE,
                        new Modification(ModificationType.REPLACE, "description", "cut " + i));
            }
            p.delete("uid=u50," + PEOPLE);
            Thread.sleep(7000); // past the consumer's timeout: it notices and retries into the cut
            link.mode(TcpProxy.Mode.FORWARD);
            Convergence.await(() -> admin(provider), () -> admin(replica), BASE, 60);
            link.delay(150);
            p.modify("uid=u60," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "slow"));
            Convergence.await(() -> admin(provider), () -> admin(replica), BASE, 60);
            link.mode(TcpProxy.Mode.FORWARD);
            link.mode(TcpProxy.Mode.RESET);
            p.modify("uid=u61," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "reset"));
            Convergence.await(() -> admin(provider), () -> admin(replica), BASE, 60);
        }
    }

    @Test
    void aConsumerAwayLongerThanTheChangelogIsRefreshedInFullDeletesIncluded(@TempDir Path dir) throws Exception {
        try (TestServer provider = TestServer.memory("replication: {changelog: {maxChanges: 10}}\n")
                        .loadResource("sample.ldif")
                        .loadLdif(people(0, 100));
                LDAPConnection p = admin(provider)) {
            ServerProcess replica = ServerProcess.start(dir.resolve("replica"), source(provider.port(), ""));
            try {
                Convergence.await(() -> admin(provider), replica::admin, BASE, 60);
                replica.close(); // away
                for (int i = 0; i < 40; i++) {
                    p.delete("uid=u" + i + "," + PEOPLE); // far more changes than the changelog keeps
                }
                p.modify("uid=u99," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "changed"));
                replica.restart();
                Convergence.await(() -> admin(provider), replica::admin, BASE, 60);
                try (LDAPConnection r = replica.admin()) {
                    assertThat(r.getEntry("uid=u5," + PEOPLE))
                            .as("deleted while away")
                            .isNull();
                }
            } finally {
                replica.close();
            }
        }
    }

    @Test
    void aConsumerThatNeverReadsSlowsNoWriteAndIsDisconnected() throws Exception {
        // entries of 4 KB each: far more than the socket buffers on both sides hold
        try (TestServer provider = TestServer.memory("limits: {writeTimeoutSeconds: 3, writeBufferBytes: 65536}\n")
                        .loadResource("sample.ldif")
                        .loadLdif(people(0, 3000)
                                .replace("\nsn: U\n", "\nsn: U\ndescription: " + "x".repeat(4000) + "\n"));
                Socket stuck = new Socket();
                LDAPConnection p = admin(provider)) {
            stuck.setReceiveBufferSize(4096); // before connecting, or the window is already agreed
            stuck.connect(new java.net.InetSocketAddress("127.0.0.1", provider.port()));
            var out = stuck.getOutputStream();
            out.write(LdapEncoder.encode(new LdapMessage(
                    1,
                    BindRequest.simple(
                            TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8)))));
            out.write(LdapEncoder.encode(new LdapMessage(
                    2,
                    new SearchRequest(
                            BASE,
                            SearchScope.SUB,
                            DerefAliases.NEVER,
                            0,
                            0,
                            false,
                            FilterText.parse("(objectClass=*)"),
                            List.of("*", "+")),
                    List.of(new SyncRequestControl(SyncMode.REFRESH_AND_PERSIST, null, false).encode(true)))));
            out.flush(); // and never read
            long[] millis = new long[300];
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                p.modify(
                        "uid=u" + i + "," + PEOPLE, new Modification(ModificationType.REPLACE, "description", "w" + i));
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            java.util.Arrays.sort(millis);
            // every write done, and the typical one not held up (a shared, noisy machine: no worst-case bound)
            assertThat(millis[millis.length / 2])
                    .as("the median write while a consumer does not read, ms")
                    .isLessThan(200);
            Thread.sleep(10_000); // past the stall timeout, still without reading
            InputStream in = stuck.getInputStream();
            stuck.setSoTimeout(10_000); // a busy machine may pause that long between what was queued and the close
            byte[] buf = new byte[65536];
            boolean closed = false;
            try {
                while (in.read(buf) >= 0) {
                    // what was sent before the provider gave up
                }
                closed = true;
            } catch (java.net.SocketTimeoutException e) {
                closed = false; // still connected, waiting for this reader
            } catch (java.io.IOException e) {
                closed = true; // reset
            }
            assertThat(closed)
                    .as("the provider ends a consumer that does not keep up")
                    .isTrue();
        }
    }
}
