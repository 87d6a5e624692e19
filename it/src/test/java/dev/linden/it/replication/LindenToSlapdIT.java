package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * slapd 2.5 replicating from Linden with its own syncrepl consumer: the initial refresh, then every
 * kind of change, in refreshAndPersist and in refreshOnly, until slapd's export equals Linden's
 * (every entry by entryUUID with its entryCSN and user attributes).
 */
class LindenToSlapdIT {
    private static final String BASE = "dc=example,dc=com";

    private static String consumer(TestServer provider, String type) {
        return """
                syncrepl rid=001 provider=ldap://127.0.0.1:%d bindmethod=simple binddn="%s"
                  credentials=%s searchbase="%s" %s retry="1 +" timeout=5
                """.formatted(provider.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD, BASE, type);
    }

    private static LDAPConnection admin(int port) throws Exception {
        return new LDAPConnection("127.0.0.1", port, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    /** Waits until both exports are equal (up to 30 s), then returns them. */
    static void awaitConverged(Callable<TreeMap<String, String>> provider, Callable<TreeMap<String, String>> replica)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        TreeMap<String, String> p = provider.call();
        TreeMap<String, String> r = replica.call();
        while (!p.equals(r) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            p = provider.call();
            r = replica.call();
        }
        assertThat(r).as("the replica's export").isEqualTo(p);
    }

    private void changeEverything(LDAPConnection linden) throws Exception {
        linden.add(
                "uid=dora,ou=people," + BASE,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                new com.unboundid.ldap.sdk.Attribute("uid", "dora"),
                new com.unboundid.ldap.sdk.Attribute("cn", "Dora"),
                new com.unboundid.ldap.sdk.Attribute("sn", "D"));
        linden.modify(
                "uid=alice,ou=people," + BASE,
                new Modification(ModificationType.REPLACE, "description", "renamed soon"),
                new Modification(ModificationType.ADD, "mail", "a2@example.com"));
        linden.modifyDN("uid=bob,ou=people," + BASE, "uid=robert", true);
        linden.delete("uid=carol,ou=people," + BASE);
        linden.modify(
                "cn=developers,ou=groups," + BASE,
                new Modification(ModificationType.ADD, "member", "uid=dora,ou=people," + BASE));
    }

    @Test
    void slapdFollowsLindenInRefreshAndPersist() throws Exception {
        try (TestServer linden = TestServer.memory("").loadResource("sample.ldif");
                Slapd slapd = Slapd.start("", consumer(linden, "type=refreshAndPersist"));
                LDAPConnection l = admin(linden.port());
                LDAPConnection s = admin(slapd.port())) {
            awaitConverged(() -> Exports.of(l, BASE, false), () -> Exports.of(s, BASE, false));
            changeEverything(l);
            awaitConverged(() -> Exports.of(l, BASE, false), () -> Exports.of(s, BASE, false));
        }
    }

    @Test
    void slapdPollsLindenInRefreshOnly() throws Exception {
        try (TestServer linden = TestServer.memory("").loadResource("sample.ldif");
                Slapd slapd = Slapd.start("", consumer(linden, "type=refreshOnly interval=00:00:00:01"));
                LDAPConnection l = admin(linden.port());
                LDAPConnection s = admin(slapd.port())) {
            awaitConverged(() -> Exports.of(l, BASE, false), () -> Exports.of(s, BASE, false));
            changeEverything(l);
            awaitConverged(() -> Exports.of(l, BASE, false), () -> Exports.of(s, BASE, false));
        }
    }
}
