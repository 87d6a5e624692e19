package dev.linden.it.replication;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Linden replicating from slapd 2.5 (syncprov, with and without its session log): the initial
 * refresh, every kind of change, until Linden's export equals slapd's by entryUUID and entryCSN.
 */
class SlapdToLindenIT {
    private static final String BASE = "dc=example,dc=com";

    static String provider(String sessionLog) {
        return """
                overlay syncprov
                syncprov-checkpoint 100 10
                %s
                """.formatted(sessionLog);
    }

    static String consumerYaml(int port, String type) {
        return """
                replication:
                  sources:
                    - rid: 7
                      provider: ldap://127.0.0.1:%d
                      bindDn: %s
                      password: %s
                      base: %s
                      type: %s
                      intervalSeconds: 1
                      retrySeconds: [1]
                """.formatted(port, Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD, BASE, type);
    }

    private static void changeEverything(LDAPConnection s) throws Exception {
        s.add(
                "uid=dora,ou=people," + BASE,
                new Attribute("objectClass", "inetOrgPerson"),
                new Attribute("uid", "dora"),
                new Attribute("cn", "Dora"),
                new Attribute("sn", "D"));
        s.modify(
                "uid=alice,ou=people," + BASE,
                new Modification(ModificationType.REPLACE, "description", "changed"),
                new Modification(ModificationType.ADD, "mail", "a2@example.com"));
        s.modifyDN("uid=bob,ou=people," + BASE, "uid=robert", true);
        s.delete("uid=carol,ou=people," + BASE);
        s.modify(
                "cn=developers,ou=groups," + BASE,
                new Modification(ModificationType.ADD, "member", "uid=dora,ou=people," + BASE));
        s.add("ou=moved," + BASE, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "moved"));
        s.modifyDN("ou=groups," + BASE, "ou=groups", true, "ou=moved," + BASE); // a subtree move
    }

    private void run(String sessionLog, String type) throws Exception {
        try (Slapd slapd = Slapd.start("moduleload syncprov", provider(sessionLog))
                        .loadResource(TestServer.class, "sample.ldif");
                TestServer linden = TestServer.memory(consumerYaml(slapd.port(), type));
                LDAPConnection s = new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
                LDAPConnection l = new LDAPConnection(
                        "127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            LindenToSlapdIT.awaitConverged(() -> Exports.of(s, BASE, false), () -> Exports.of(l, BASE, false));
            changeEverything(s);
            LindenToSlapdIT.awaitConverged(() -> Exports.of(s, BASE, false), () -> Exports.of(l, BASE, false));
        }
    }

    @Test
    void slapdRestartedIsFollowedAgainAndAHugeGroupArrivesWhole() throws Exception {
        try (Slapd slapd = Slapd.start("moduleload syncprov", provider("syncprov-sessionlog 100"))
                        .loadResource(TestServer.class, "sample.ldif");
                TestServer linden = TestServer.memory(consumerYaml(slapd.port(), "refreshAndPersist"))) {
            java.util.List<String> members = new java.util.ArrayList<>();
            try (LDAPConnection s =
                    new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD)) {
                for (int i = 0; i < 200; i++) {
                    members.add("uid=m" + i + ",ou=people," + BASE);
                }
                s.add(
                        "cn=big,ou=groups," + BASE,
                        new Attribute("objectClass", "groupOfNames"),
                        new Attribute("cn", "big"),
                        new Attribute("member", members));
            }
            LindenToSlapdIT.awaitConverged(() -> export(slapd.port(), true), () -> export(linden.port(), false));
            slapd.restart(); // the consumer reconnects and goes on from its cookie
            try (LDAPConnection s =
                    new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD)) {
                s.modify(
                        "cn=big,ou=groups," + BASE,
                        new Modification(ModificationType.DELETE, "member", members.get(3)));
                changeEverything(s);
            }
            LindenToSlapdIT.awaitConverged(() -> export(slapd.port(), true), () -> export(linden.port(), false));
        }
    }

    private static java.util.TreeMap<String, String> export(int port, boolean slapd) throws Exception {
        try (LDAPConnection c = new LDAPConnection(
                "127.0.0.1",
                port,
                slapd ? Slapd.ADMIN_DN : TestServer.ADMIN_DN,
                slapd ? Slapd.ADMIN_PASSWORD : TestServer.ADMIN_PASSWORD)) {
            return Exports.of(c, BASE, false);
        }
    }

    @Test
    void refreshAndPersistWithASessionLog() throws Exception {
        run("syncprov-sessionlog 100", "refreshAndPersist");
    }

    @Test
    void refreshAndPersistWithoutASessionLog() throws Exception {
        run("", "refreshAndPersist");
    }

    @Test
    void refreshOnlyWithASessionLog() throws Exception {
        run("syncprov-sessionlog 100", "refreshOnly");
    }

    @Test
    void refreshOnlyWithoutASessionLog() throws Exception {
        run("", "refreshOnly");
    }
}
