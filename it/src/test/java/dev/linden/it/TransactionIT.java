package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.UpdatableLDAPRequest;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.TransactionSpecificationRequestControl;
import com.unboundid.ldap.sdk.extensions.EndTransactionExtendedRequest;
import com.unboundid.ldap.sdk.extensions.EndTransactionExtendedResult;
import com.unboundid.ldap.sdk.extensions.StartTransactionExtendedRequest;
import com.unboundid.ldap.sdk.extensions.StartTransactionExtendedResult;
import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LDAP transactions (RFC 5805) on LMDB, where the updates run on the store's writer thread inside one
 * write transaction: what slapd 2.5 cannot do in one (a rename, a parent deleted after its children),
 * the updates' own response controls in the end's answer, a rollback that leaves nothing, each change
 * its own changelog record, and the bound on what one transaction holds. {@code ldapmodify -E txn}
 * (OpenLDAP's tool) commits through the same path.
 */
class TransactionIT {
    private static final String BASE = "ou=people,dc=example,dc=com";

    @TempDir
    Path data;

    private static ASN1OctetString start(LDAPConnection c) throws Exception {
        return ((StartTransactionExtendedResult) c.processExtendedOperation(new StartTransactionExtendedRequest()))
                .getTransactionID();
    }

    private static LDAPResult in(LDAPConnection c, ASN1OctetString txn, UpdatableLDAPRequest r)
            throws com.unboundid.ldap.sdk.LDAPException {
        r.addControl(new TransactionSpecificationRequestControl(txn));
        return switch (r) {
            case AddRequest a -> c.add(a);
            case DeleteRequest d -> c.delete(d);
            case ModifyRequest m -> c.modify(m);
            case ModifyDNRequest m -> c.modifyDN(m);
            default -> throw new IllegalArgumentException();
        };
    }

    private static EndTransactionExtendedResult end(LDAPConnection c, ASN1OctetString txn, boolean commit) {
        try {
            return (EndTransactionExtendedResult)
                    c.processExtendedOperation(new EndTransactionExtendedRequest(txn, commit));
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return (EndTransactionExtendedResult) e.toLDAPResult();
        }
    }

    private static AddRequest person(String rdn) {
        return new AddRequest(
                rdn + "," + BASE,
                new Attribute("objectClass", "person"),
                new Attribute("cn", "x"),
                new Attribute("sn", "x"));
    }

    private static boolean exists(LDAPConnection c, String dn) throws Exception {
        return c.getEntry(dn, "1.1") != null;
    }

    @Test
    void renamesAndSubtreesChangeTogetherAndTheirControlsComeBack() throws Exception {
        try (TestServer s = TestServer.lmdb(data, "").loadResource("sample.ldif");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            long changes = s.backend().changesAfter(0, Integer.MAX_VALUE).size();
            ASN1OctetString txn = start(c);
            assertThat(in(
                                    c,
                                    txn,
                                    new AddRequest(
                                            "ou=team," + BASE,
                                            new Attribute("objectClass", "organizationalUnit"),
                                            new Attribute("ou", "team")))
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            in(c, txn, person("cn=a,ou=team"));
            in(c, txn, person("cn=b,ou=team"));
            ModifyDNRequest move = new ModifyDNRequest("cn=a,ou=team," + BASE, "cn=a2", true);
            move.addControl(new PostReadRequestControl(true, "cn"));
            in(c, txn, move);
            in(c, txn, new DeleteRequest("cn=b,ou=team," + BASE));
            assertThat(exists(c, "ou=team," + BASE))
                    .as("nothing is done before the end")
                    .isFalse();
            EndTransactionExtendedResult end = end(c, txn, true);
            assertThat(end.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(exists(c, "cn=a2,ou=team," + BASE)).isTrue();
            assertThat(exists(c, "cn=a,ou=team," + BASE)).isFalse();
            assertThat(exists(c, "cn=b,ou=team," + BASE)).isFalse();
            assertThat(end.getOperationResponseControls())
                    .as("the rename's post-read comes back")
                    .hasSize(1);
            // each change its own record: add, add, add, rename, delete
            assertThat(s.backend().changesAfter(0, Integer.MAX_VALUE)).hasSize((int) changes + 5);
            // children deleted, then their parent, in one transaction
            ASN1OctetString txn2 = start(c);
            in(c, txn2, new DeleteRequest("cn=a2,ou=team," + BASE));
            in(c, txn2, new DeleteRequest("ou=team," + BASE));
            assertThat(end(c, txn2, true).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(exists(c, "ou=team," + BASE)).isFalse();
        }
    }

    @Test
    void aFailingUpdateLeavesNothingEvenAfterARestart() throws Exception {
        try (TestServer s = TestServer.lmdb(data, "").loadResource("sample.ldif");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            ASN1OctetString txn = start(c);
            in(c, txn, person("cn=first"));
            in(
                    c,
                    txn,
                    new ModifyRequest(
                            "uid=alice," + BASE, new Modification(ModificationType.REPLACE, "sn", "Changed")));
            in(
                    c,
                    txn,
                    new AddRequest(
                            "uid=bob," + BASE,
                            new Attribute("objectClass", "inetOrgPerson"),
                            new Attribute("uid", "bob"),
                            new Attribute("cn", "x"),
                            new Attribute("sn", "x"))); // exists: the end fails here
            EndTransactionExtendedResult end = end(c, txn, true);
            assertThat(end.getResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
            assertThat(end.getFailedOpMessageID()).isPositive();
        }
        try (TestServer s = TestServer.lmdb(data, "");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            assertThat(exists(c, "cn=first," + BASE)).isFalse();
            assertThat(c.getEntry("uid=alice," + BASE).getAttributeValue("sn")).isEqualTo("Andersen");
        }
    }

    @Test
    void aTransactionHoldsABoundedNumberOfUpdatesAndABindEndsIt() throws Exception {
        try (TestServer s = TestServer.memory("extensions: {transactionOperations: 3}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            ASN1OctetString txn = start(c);
            for (int i = 0; i < 3; i++) {
                assertThat(in(c, txn, person("cn=p" + i)).getResultCode()).isEqualTo(ResultCode.SUCCESS);
            }
            assertThat(resultOf(() -> in(c, txn, person("cn=p3")))).isEqualTo(ResultCode.ADMIN_LIMIT_EXCEEDED);
            c.bind(TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD); // its updates were queued as the identity before
            assertThat(end(c, txn, true).getResultCode().intValue()).isEqualTo(0x4121); // no such transaction any more
            assertThat(exists(c, "cn=p0," + BASE)).isFalse();
        }
    }

    @Test
    void ldapmodifyCommitsThroughATransaction() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif");
                LDAPConnection c =
                        new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            Path ldif = Files.writeString(data.resolve("txn.ldif"), """
                    dn: ou=tools,dc=example,dc=com
                    changetype: add
                    objectClass: organizationalUnit
                    ou: tools

                    dn: cn=ldapmodify,ou=tools,dc=example,dc=com
                    changetype: add
                    objectClass: device
                    cn: ldapmodify
                    """);
            Process p = new ProcessBuilder(
                            "ldapmodify",
                            "-x",
                            "-H",
                            "ldap://127.0.0.1:" + s.port(),
                            "-D",
                            TestServer.ADMIN_DN,
                            "-w",
                            TestServer.ADMIN_PASSWORD,
                            "-E",
                            "!txn=commit",
                            "-f",
                            ldif.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(c.search("ou=tools,dc=example,dc=com", SearchScope.SUB, "(objectClass=*)", "1.1")
                            .getEntryCount())
                    .isEqualTo(2);
        }
    }
}
