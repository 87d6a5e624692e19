package dev.linden.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.LiveContext;
import dev.linden.core.SecurityRules;
import dev.linden.core.Session;
import dev.linden.core.ppolicy.Policy;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.protocol.Control;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.Modification;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live naming context (what cn=Monitor is) answered behind the Dispatcher by the ordinary search and
 * compare operations, so the checks every request gets hold for it too: unknown critical controls,
 * TLS required for everything, and a password that must be changed first (MonitorIT shows the same
 * for cn=Monitor over sockets). Writes are refused.
 */
class LiveContextOperationsTest {
    private static final String LDIF = """
            dn: dc=example,dc=com
            objectClass: domain
            dc: example

            dn: ou=groups,dc=example,dc=com
            objectClass: organizationalUnit
            ou: groups

            dn: uid=alice,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice
            sn: A
            userPassword: alice-password

            dn: cn=admins,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: admins
            member: uid=alice,dc=example,dc=com
            """;
    private static final String ALICE = "uid=alice,dc=example,dc=com";
    private static final String UNKNOWN_CRITICAL = "1.3.6.1.4.1.99999.7";

    /** A read-only context of two entries, as cn=Monitor is, built afresh on every read. */
    private static final class Live implements LiveContext {
        private final Dn suffix;
        private final List<Entry> entries = new ArrayList<>();

        Live(DispatcherHarness h) throws Exception {
            suffix = DnSyntax.parse("cn=Live", h.schema);
            EntryImport importer = new EntryImport(h.directory, true);
            for (LdifRecord r : LdifReader.parse("""
                    dn: cn=Live
                    objectClass: applicationProcess
                    cn: Live

                    dn: cn=Counter,cn=Live
                    objectClass: applicationProcess
                    cn: Counter
                    description: 42
                    """)) {
                entries.add(importer.entry(r, h.directory.config().rootDn()));
            }
        }

        @Override
        public Dn suffix() {
            return suffix;
        }

        @Override
        public List<Entry> entries() {
            return entries;
        }
    }

    private static DispatcherHarness mounted(Policy policy, SecurityRules security) throws Exception {
        DispatcherHarness h = new DispatcherHarness(policy, security, LDIF);
        h.directory.live().mount(new Live(h));
        return h;
    }

    private static DispatcherHarness mounted() throws Exception {
        return mounted(Policy.DEFAULT, new SecurityRules(true, false, true, true));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Session bound(DispatcherHarness h, String dn, String password) {
        Session s = h.connect();
        assertThat(h.send(s, BindRequest.simple(dn, bytes(password))).result().code())
                .isEqualTo(ResultCode.SUCCESS);
        return s;
    }

    private static SearchRequest searchLive() throws Exception {
        return new SearchRequest(
                "cn=Live",
                SearchScope.SUB,
                DerefAliases.NEVER,
                0,
                0,
                false,
                FilterText.parse("(objectClass=*)"),
                List.of());
    }

    private static CompareRequest compareCounter() {
        return new CompareRequest("cn=Counter,cn=Live", "description", bytes("42"));
    }

    @Test
    void administratorsReadItAnonymousClientsFindNothingAndNobodyWrites() throws Exception {
        DispatcherHarness h = mounted();
        Session alice = bound(h, ALICE, "alice-password"); // the administrators' group: the rule for everything
        assertThat(h.send(alice, searchLive()).dns()).containsExactly("cn=Live", "cn=Counter,cn=Live");
        assertThat(h.send(alice, compareCounter()).result().code()).isEqualTo(ResultCode.COMPARE_TRUE);
        assertThat(h.send(
                                alice,
                                new ModifyRequest(
                                        "cn=Counter,cn=Live",
                                        List.of(new Modification(
                                                ModOp.REPLACE,
                                                new PartialAttribute("description", List.of(bytes("0")))))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        assertThat(h.send(alice, new DeleteRequest("cn=Counter,cn=Live"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        var anonymous = h.send(h.connect(), searchLive());
        assertThat(anonymous.result().code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(anonymous.entries()).isEmpty();
    }

    @Test
    void anUnknownCriticalControlIsRefusedThereToo() throws Exception {
        DispatcherHarness h = mounted();
        Session admin = bound(h, DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
        var search = h.send(admin, searchLive(), new Control(UNKNOWN_CRITICAL, true, null));
        assertThat(search.result().code()).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
        assertThat(search.entries()).isEmpty();
        assertThat(h.send(admin, compareCounter(), new Control(UNKNOWN_CRITICAL, true, null))
                        .result()
                        .code())
                .isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
        assertThat(h.send(admin, searchLive(), new Control(UNKNOWN_CRITICAL, false, null))
                        .entries())
                .hasSize(2);
    }

    @Test
    void tlsRequiredForEverythingHoldsThereToo() throws Exception {
        DispatcherHarness h = mounted(Policy.DEFAULT, new SecurityRules(true, true, false, true));
        Session clear = h.connect();
        assertThat(h.send(clear, searchLive()).result().code()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED);
        assertThat(h.send(clear, compareCounter()).result().code()).isEqualTo(ResultCode.CONFIDENTIALITY_REQUIRED);
        Session protectedSession = h.connect();
        protectedSession.markSecure(null); // what a completed StartTLS handshake does
        assertThat(h.send(
                                protectedSession,
                                BindRequest.simple(DispatcherHarness.ADMIN, bytes(DispatcherHarness.ADMIN_PASSWORD)))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(h.send(protectedSession, searchLive()).entries()).hasSize(2);
    }

    @Test
    void aSessionThatMustChangeItsPasswordReadsItOnlyOnceItHas() throws Exception {
        Policy mustChange = new Policy(0, 0, 5, 2, 8, 0, 0, true, true, false, false, 900, 5, 300);
        DispatcherHarness h = mounted(mustChange, new SecurityRules(true, false, true, true));
        Session admin = bound(h, DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
        assertThat(h.send(
                                admin,
                                new ModifyRequest(
                                        ALICE,
                                        List.of(new Modification(
                                                ModOp.REPLACE,
                                                new PartialAttribute(
                                                        "userPassword", List.of(bytes("Reset-By-Admin-42")))))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        Session alice = bound(h, ALICE, "Reset-By-Admin-42");
        assertThat(h.send(alice, searchLive()).result().code()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        assertThat(h.send(alice, compareCounter()).result().code()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        assertThat(h.send(
                                alice,
                                new ModifyRequest(
                                        ALICE,
                                        List.of(new Modification(
                                                ModOp.REPLACE,
                                                new PartialAttribute(
                                                        "userPassword", List.of(bytes("Changed-By-Alice-42")))))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(h.send(alice, searchLive()).entries())
                .as("readable once the password is changed")
                .hasSize(2);
    }
}
