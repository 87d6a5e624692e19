package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import dev.linden.it.slapd.Slapd;
import dev.linden.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What replication must carry besides plain attributes: password hashes (read by a replication
 * identity granted them, and working for binds on the replica), a password changed on the provider,
 * and a huge group (its member values kept apart, one key each) with members added and removed.
 */
class ReplicationPasswordsIT {
    private static final String BASE = "dc=example,dc=com";
    private static final String ALICE = "uid=alice,ou=people," + BASE;

    private static LDAPConnection as(int port, String dn, String password) throws Exception {
        return new LDAPConnection("127.0.0.1", port, dn, password);
    }

    @Test
    void slapdFollowsLindenPasswordsIncluded() throws Exception {
        try (TestServer linden = Replicator.load(TestServer.memory(Replicator.providerYaml("userPassword")));
                // pw-sha2 and argon2 for Linden's hashes ({SSHA256} here, {ARGON2} by default), ppolicy for the
                // password-policy state Linden keeps on entries
                Slapd slapd = Slapd.start("moduleload pw-sha2\nmoduleload argon2\nmoduleload ppolicy", """
                        syncrepl rid=002 provider=ldap://127.0.0.1:%d bindmethod=simple binddn="%s"
                          credentials=%s searchbase="%s" type=refreshAndPersist retry="1 +" timeout=5
                        """.formatted(
                                linden.port(), Replicator.DN, Replicator.PASSWORD, BASE));
                LDAPConnection l = as(linden.port(), Replicator.DN, Replicator.PASSWORD);
                LDAPConnection s = as(slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD)) {
            LindenToSlapdIT.awaitConverged(() -> Exports.of(l, BASE, true), () -> Exports.of(s, BASE, true));
            assertThat(Exports.of(s, BASE, true).toString()).contains("userpassword: {SSHA256}");
            try (LDAPConnection admin = as(linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                admin.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "Changed-On-Linden-1"));
            }
            LindenToSlapdIT.awaitConverged(() -> Exports.of(l, BASE, true), () -> Exports.of(s, BASE, true));
            try (LDAPConnection alice = new LDAPConnection("127.0.0.1", slapd.port())) {
                BindResult r = alice.bind(ALICE, "Changed-On-Linden-1");
                assertThat(r.getResultCode())
                        .as("the new password works on the slapd replica")
                        .isEqualTo(ResultCode.SUCCESS);
            }
        }
    }

    @Test
    void lindenFollowsSlapdPasswordsIncluded() throws Exception {
        try (Slapd slapd = Slapd.start("moduleload syncprov", SlapdToLindenIT.provider("syncprov-sessionlog 100"))
                        .loadResource(TestServer.class, "sample.ldif");
                TestServer linden = TestServer.memory(
                        SlapdToLindenIT.consumerYaml(slapd.port(), "refreshAndPersist")
                                + "access: {rules: [{to: {attrs: [userPassword]}, by: [{dn: \"" + TestServer.ADMIN_DN
                                + "\", grant: read}, {who: anyone, grant: auth}]}, {to: {}, by: [{who: users, grant: read}]}]}\n");
                LDAPConnection s = as(slapd.port(), Slapd.ADMIN_DN, Slapd.ADMIN_PASSWORD);
                LDAPConnection l = as(linden.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            LindenToSlapdIT.awaitConverged(() -> Exports.of(s, BASE, true), () -> Exports.of(l, BASE, true));
            s.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "Changed-On-Slapd-1"));
            LindenToSlapdIT.awaitConverged(() -> Exports.of(s, BASE, true), () -> Exports.of(l, BASE, true));
            try (LDAPConnection alice = new LDAPConnection("127.0.0.1", linden.port())) {
                assertThat(alice.bind(ALICE, "Changed-On-Slapd-1").getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
            }
            // a replica refers writes to its provider
            com.unboundid.ldap.sdk.LDAPException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    com.unboundid.ldap.sdk.LDAPException.class,
                    () -> l.modify(ALICE, new Modification(ModificationType.REPLACE, "description", "x")));
            assertThat(refused.getResultCode()).isEqualTo(ResultCode.REFERRAL);
            assertThat(refused.getReferralURLs()).containsExactly("ldap://127.0.0.1:" + slapd.port() + "/");
        }
    }

    @Test
    void lindenFollowsLindenWithAHugeGroupAndScramKeys() throws Exception {
        try (TestServer provider =
                Replicator.load(TestServer.memory(Replicator.providerYaml("userPassword, authPassword")))) {
            List<Attribute> members = new ArrayList<>();
            List<String> dns = new ArrayList<>();
            try (LDAPConnection admin = as(provider.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                for (int i = 0; i < 300; i++) {
                    String dn = "uid=m" + i + ",ou=people," + BASE;
                    admin.add(
                            dn,
                            new Attribute("objectClass", "inetOrgPerson"),
                            new Attribute("uid", "m" + i),
                            new Attribute("cn", "M" + i),
                            new Attribute("sn", "M"));
                    dns.add(dn);
                }
                admin.add(
                        "cn=huge,ou=groups," + BASE,
                        new Attribute("objectClass", "groupOfNames"),
                        new Attribute("cn", "huge"),
                        new Attribute("member", dns));
            }
            try (TestServer replica = TestServer.memory(
                            """
                    serverId: 2
                    replication:
                      sources:
                        - rid: 3
                          provider: ldap://127.0.0.1:%d
                          bindDn: "%s"
                          password: %s
                          base: %s
                          retrySeconds: [1]
                    """.formatted(provider.port(), Replicator.DN, Replicator.PASSWORD, BASE)
                                    + "access: {rules: [{to: {attrs: [userPassword, authPassword]}, by: [{dn: \""
                                    + TestServer.ADMIN_DN
                                    + "\", grant: read}, {who: anyone, grant: auth}]}, {to: {}, by: [{who: users, grant: read}]}]}\n");
                    LDAPConnection p = as(provider.port(), Replicator.DN, Replicator.PASSWORD);
                    LDAPConnection r = as(replica.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                LindenToSlapdIT.awaitConverged(() -> Exports.of(p, BASE, true), () -> Exports.of(r, BASE, true));
                try (LDAPConnection admin = as(provider.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                    admin.modify(
                            "cn=huge,ou=groups," + BASE,
                            new Modification(ModificationType.DELETE, "member", dns.get(7)),
                            new Modification(ModificationType.ADD, "member", ALICE));
                    admin.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "Scram-Ready-42"));
                }
                LindenToSlapdIT.awaitConverged(() -> Exports.of(p, BASE, true), () -> Exports.of(r, BASE, true));
                assertThat(r.compare("cn=huge,ou=groups," + BASE, "member", ALICE)
                                .compareMatched())
                        .isTrue();
                assertThat(r.compare("cn=huge,ou=groups," + BASE, "member", dns.get(7))
                                .compareMatched())
                        .isFalse();
                // the SCRAM keys came with the password: a SCRAM-SHA-256 bind works on the replica
                try (LDAPConnection alice = new LDAPConnection("127.0.0.1", replica.port())) {
                    var scram = new com.unboundid.ldap.sdk.SCRAMSHA256BindRequest("alice", "Scram-Ready-42");
                    assertThat(alice.bind(scram).getResultCode()).isEqualTo(ResultCode.SUCCESS);
                }
            }
        }
    }
}
