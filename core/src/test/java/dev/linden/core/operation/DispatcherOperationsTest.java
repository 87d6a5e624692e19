package dev.linden.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Oids;
import dev.linden.core.Session;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.core.ppolicy.Policy;
import dev.linden.protocol.Control;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.Modification;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.AddRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.ModifyDnRequest;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations through the Dispatcher over the in-memory store: the behaviour of each, without a socket. */
class DispatcherOperationsTest {
    private static final String LDIF = """
            dn: dc=example,dc=com
            objectClass: domain
            dc: example

            dn: ou=people,dc=example,dc=com
            objectClass: organizationalUnit
            ou: people

            dn: ou=groups,dc=example,dc=com
            objectClass: organizationalUnit
            ou: groups

            dn: uid=alice,ou=people,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice
            sn: A
            userPassword: alice-password

            dn: uid=bob,ou=people,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: bob
            cn: Bob
            sn: B
            userPassword: bob-password

            dn: cn=admins,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: admins
            member: uid=alice,ou=people,dc=example,dc=com
            """;
    private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";

    private DispatcherHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new DispatcherHarness(Policy.DEFAULT, LDIF);
    }

    private Session bound(String dn, String password) {
        Session s = h.connect();
        assertThat(h.send(s, BindRequest.simple(dn, bytes(password))).result().code())
                .isEqualTo(ResultCode.SUCCESS);
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SearchRequest search(String base, SearchScope scope, String filter, String... attrs)
            throws Exception {
        return new SearchRequest(
                base, scope, DerefAliases.NEVER, 0, 0, false, FilterText.parse(filter), List.of(attrs));
    }

    private static PartialAttribute attr(String name, String... values) {
        List<byte[]> v = new ArrayList<>();
        for (String s : values) {
            v.add(bytes(s));
        }
        return new PartialAttribute(name, v);
    }

    @Test
    void addSearchModifyRenameDeleteAsTheAdministrator() throws Exception {
        Session admin = bound(DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
        String carol = "uid=carol,ou=people,dc=example,dc=com";
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        carol,
                                        List.of(
                                                attr("objectClass", "inetOrgPerson"),
                                                attr("uid", "carol"),
                                                attr("cn", "Carol"),
                                                attr("sn", "C"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(h.send(admin, search("ou=people,dc=example,dc=com", SearchScope.ONE, "(cn=carol)"))
                        .dns())
                .containsExactly(carol);
        assertThat(h.send(
                                admin,
                                new ModifyRequest(
                                        carol,
                                        List.of(new Modification(ModOp.REPLACE, attr("mail", "carol@example.com")))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(h.send(admin, new CompareRequest(carol, "mail", bytes("CAROL@example.com")))
                        .result()
                        .code())
                .isEqualTo(ResultCode.COMPARE_TRUE);
        assertThat(h.send(admin, new ModifyDnRequest(carol, "uid=caroline", true, null))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        String caroline = "uid=caroline,ou=people,dc=example,dc=com";
        assertThat(h.send(admin, search(caroline, SearchScope.BASE, "(uid=caroline)", "uid"))
                        .entries())
                .hasSize(1);
        assertThat(h.send(admin, new DeleteRequest(caroline)).result().code()).isEqualTo(ResultCode.SUCCESS);
        var gone = h.send(admin, search(caroline, SearchScope.BASE, "(objectClass=*)"));
        assertThat(gone.result().code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(gone.result().matchedDn()).isEqualTo("ou=people,dc=example,dc=com");
    }

    @Test
    void theTreeAnswersWithSlapdsResultCodes() throws Exception {
        Session admin = bound(DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        ALICE,
                                        List.of(
                                                attr("objectClass", "inetOrgPerson"),
                                                attr("uid", "alice"),
                                                attr("cn", "A"),
                                                attr("sn", "A"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
        assertThat(h.send(admin, new DeleteRequest("ou=people,dc=example,dc=com"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.NOT_ALLOWED_ON_NON_LEAF);
        var orphan = h.send(
                admin,
                new AddRequest(
                        "uid=x,ou=nowhere,dc=example,dc=com",
                        List.of(
                                attr("objectClass", "inetOrgPerson"),
                                attr("uid", "x"),
                                attr("cn", "X"),
                                attr("sn", "X"))));
        assertThat(orphan.result().code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(orphan.result().matchedDn()).isEqualTo("dc=example,dc=com");
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        "uid=y,ou=people,dc=example,dc=com",
                                        List.of(
                                                attr("objectClass", "inetOrgPerson"),
                                                attr("uid", "y"),
                                                attr("cn", "Y"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION); // sn is required
        assertThat(h.send(admin, search("o=elsewhere", SearchScope.SUB, "(objectClass=*)"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.NO_SUCH_OBJECT);
    }

    @Test
    void anonymousClientsSeeNothingAndSecretsAreNeverReturned() throws Exception {
        var anonymous = h.send(h.connect(), search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)"));
        assertThat(anonymous.result().code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(anonymous.entries()).isEmpty();
        Session admin = bound(DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
        var read = h.send(admin, search(ALICE, SearchScope.BASE, "(objectClass=*)", "*", "userPassword"));
        assertThat(read.entries()).hasSize(1);
        assertThat(read.entries().get(0).attributes())
                .extracting(PartialAttribute::type)
                .contains("uid")
                .doesNotContain("userPassword");
        var probe = h.send(
                bound(BOB, "bob-password"), search("ou=people,dc=example,dc=com", SearchScope.SUB, "(userPassword=*)"));
        assertThat(probe.entries()).as("filters on secrets match nothing").isEmpty();
    }

    @Test
    void ordinaryUsersReadButDoNotWrite() throws Exception {
        Session bob = bound(BOB, "bob-password");
        assertThat(h.send(bob, search("ou=people,dc=example,dc=com", SearchScope.ONE, "(objectClass=person)"))
                        .dns())
                .containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(h.send(bob, new ModifyRequest(ALICE, List.of(new Modification(ModOp.REPLACE, attr("sn", "X")))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
        Session alice = bound(ALICE, "alice-password"); // in the administrators' group: manage
        assertThat(h.send(alice, new ModifyRequest(BOB, List.of(new Modification(ModOp.REPLACE, attr("sn", "Bee")))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
    }

    @Test
    void pagedResultsWalkOnceAndServePagesFromTheList() throws Exception {
        Session admin = bound(DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
        for (int i = 0; i < 7; i++) {
            h.send(
                    admin,
                    new AddRequest(
                            "uid=u" + i + ",ou=people,dc=example,dc=com",
                            List.of(
                                    attr("objectClass", "inetOrgPerson"),
                                    attr("uid", "u" + i),
                                    attr("cn", "U" + i),
                                    attr("sn", "U"))));
        }
        List<String> seen = new ArrayList<>();
        byte[] cookie = new byte[0];
        int pages = 0;
        do {
            var reply = h.send(
                    admin,
                    search("ou=people,dc=example,dc=com", SearchScope.ONE, "(sn=U)", "1.1"),
                    PagedResultsControl.response(3, cookie));
            assertThat(reply.result().code()).isEqualTo(ResultCode.SUCCESS);
            seen.addAll(reply.dns());
            Control response = reply.done().controls().stream()
                    .filter(c -> c.oid().equals(Oids.PAGED_RESULTS))
                    .findFirst()
                    .orElseThrow();
            cookie = PagedResultsControl.decode(response).cookie();
            pages++;
        } while (cookie.length > 0);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void sizeLimitsEndASearchWithSizeLimitExceeded() throws Exception {
        Session bob = bound(BOB, "bob-password");
        SearchRequest r = new SearchRequest(
                "dc=example,dc=com",
                SearchScope.SUB,
                DerefAliases.NEVER,
                2,
                0,
                false,
                FilterText.parse("(objectClass=*)"),
                List.of("1.1"));
        var reply = h.send(bob, r);
        assertThat(reply.result().code()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
        assertThat(reply.entries()).hasSize(2);
    }

    @Test
    void anUnknownCriticalControlIsRefusedAndAnUnknownOrdinaryOneIgnored() throws Exception {
        Session bob = bound(BOB, "bob-password");
        var critical = h.send(
                bob, search(BOB, SearchScope.BASE, "(objectClass=*)"), new Control("1.3.6.1.4.1.99999.7", true, null));
        assertThat(critical.result().code()).isEqualTo(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION);
        assertThat(critical.entries()).isEmpty();
        var ordinary = h.send(
                bob, search(BOB, SearchScope.BASE, "(objectClass=*)"), new Control("1.3.6.1.4.1.99999.7", false, null));
        assertThat(ordinary.entries()).hasSize(1);
    }

    @Test
    void aWrongPasswordIsInvalidCredentialsAndLeavesTheSessionAnonymous() throws Exception {
        Session s = h.connect();
        assertThat(h.send(s, BindRequest.simple(BOB, bytes("wrong"))).result().code())
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(h.send(s, BindRequest.simple("uid=nobody,ou=people,dc=example,dc=com", bytes("wrong")))
                        .result()
                        .code())
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(s.isAnonymous()).isTrue();
    }
}
