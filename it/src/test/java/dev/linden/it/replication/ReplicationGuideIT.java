package dev.linden.it.replication;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The recipes of docs/replication.md, run as printed. Two things are changed, and only these: the
 * provider's address 127.0.0.1:3389 becomes the port the test's provider got, and the replica's own
 * {@code suffix} and {@code rootPassword} lines give way to the test server's (which sets them).
 */
class ReplicationGuideIT {
    private static final String BASE = "dc=example,dc=com";

    private static String block(String tag) throws Exception {
        return Guide.block(tag);
    }

    private static String at(String text, int port) {
        return text.replace("127.0.0.1:3389", "127.0.0.1:" + port);
    }

    @Test
    void aLindenReplicaOfOpenLdapAsTheGuidePrintsIt() throws Exception {
        try (Slapd slapd = Slapd.start(block("slapd-provider"), block("slapd-provider-database"))
                        .loadResource(TestServer.class, "sample.ldif")
                        .loadLdif(Replicator.entry());
                TestServer linden = TestServer.memory(
                        at(block("linden-replica-of-slapd"), slapd.port())
                                        .lines()
                                        .filter(l -> !l.startsWith("suffix:") && !l.startsWith("rootPassword:"))
                                        .collect(Collectors.joining("\n", "", "\n"))
                                + "access: {rules: [{to: {attrs: [userPassword]}, by: [{dn: \"" + TestServer.ADMIN_DN
                                + "\", grant: read}, {who: anyone, grant: auth}]}, {to: {}, by: [{who: users, grant: read}]}]}\n");
                LDAPConnection s = new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
                LDAPConnection l = new LDAPConnection(
                        "127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            LindenToSlapdIT.awaitConverged(() -> Exports.of(s, BASE, true), () -> Exports.of(l, BASE, true));
            s.modify(
                    "uid=alice,ou=people," + BASE,
                    new Modification(ModificationType.REPLACE, "userPassword", "Via-Guide-1"));
            LindenToSlapdIT.awaitConverged(() -> Exports.of(s, BASE, true), () -> Exports.of(l, BASE, true));
        }
    }

    @Test
    void openLdapReplicasOfLindenAsTheGuidePrintsThem() throws Exception {
        try (TestServer linden = Replicator.load(TestServer.memory(block("linden-provider")));
                Slapd slapd =
                        Slapd.start(block("slapd-consumer"), at(block("slapd-consumer-database"), linden.port()));
                LDAPConnection l = new LDAPConnection("127.0.0.1", linden.port(), Replicator.DN, Replicator.PASSWORD);
                LDAPConnection s =
                        new LDAPConnection("127.0.0.1", slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD)) {
            LindenToSlapdIT.awaitConverged(() -> Exports.of(l, BASE, true), () -> Exports.of(s, BASE, true));
            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                admin.modify(
                        "uid=bob,ou=people," + BASE, new Modification(ModificationType.REPLACE, "mail", "b@x.org"));
            }
            LindenToSlapdIT.awaitConverged(() -> Exports.of(l, BASE, true), () -> Exports.of(s, BASE, true));
        }
    }
}
