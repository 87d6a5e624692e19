package dev.linden.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.core.Oids;
import dev.linden.core.Session;
import dev.linden.core.ppolicy.Policy;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.Modification;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.AddRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ExtendedResponse;
import dev.linden.protocol.op.ModifyDnRequest;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Modify's result codes, a subtree moved under a new parent, Who am I? and Password Modify, through
 * the Dispatcher over the in-memory store: the cases OperationsIT checks over a socket with the
 * UnboundID SDK, in milliseconds, so a change to an operation shows here first.
 */
class WriteOperationsTest {
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

            dn: uid=bob,ou=people,dc=example,dc=com
            objectClass: inetOrgPerson
            uid: bob
            cn: Bob
            sn: B
            userPassword: bob-password
            """;
    private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";
    private DispatcherHarness h;
    private Session admin;

    @BeforeEach
    void setUp() throws Exception {
        h = new DispatcherHarness(Policy.DEFAULT, LDIF);
        admin = bind(h.connect(), DispatcherHarness.ADMIN, DispatcherHarness.ADMIN_PASSWORD);
    }

    private Session bind(Session s, String dn, String password) {
        assertThat(h.send(s, BindRequest.simple(dn, bytes(password))).result().code())
                .isEqualTo(ResultCode.SUCCESS);
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static PartialAttribute attr(String name, String... values) {
        List<byte[]> v = new ArrayList<>();
        for (String s : values) {
            v.add(bytes(s));
        }
        return new PartialAttribute(name, v);
    }

    private ResultCode modify(String dn, ModOp op, String attribute, String... values) {
        return h.send(admin, new ModifyRequest(dn, List.of(new Modification(op, attr(attribute, values)))))
                .result()
                .code();
    }

    private String value(String dn, String attribute) throws Exception {
        var reply = h.send(
                admin,
                new SearchRequest(
                        dn,
                        SearchScope.BASE,
                        DerefAliases.NEVER,
                        0,
                        0,
                        false,
                        FilterText.parse("(objectClass=*)"),
                        List.of(attribute)));
        return reply.entries().get(0).attributes().stream()
                .filter(a -> a.type().equalsIgnoreCase(attribute))
                .map(a -> new String(a.values().get(0), StandardCharsets.UTF_8))
                .findFirst()
                .orElse(null);
    }

    private ResultCode addPerson(String uid, String... classes) {
        return h.send(
                        admin,
                        new AddRequest(
                                "uid=" + uid + ",ou=people,dc=example,dc=com",
                                List.of(
                                        attr("objectClass", classes),
                                        attr("uid", uid),
                                        attr("cn", uid),
                                        attr("sn", uid),
                                        attr("uidNumber", "1000"))))
                .result()
                .code();
    }

    @Test
    void eachCombinationOfClassesAllowsItsOwnAttributes() {
        // the checker remembers what each combination of classes allows: one must not answer for another
        assertThat(addPerson("p1", "inetOrgPerson")).isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
        assertThat(addPerson("p2", "inetOrgPerson", "extensibleObject")).isEqualTo(ResultCode.SUCCESS);
        assertThat(addPerson("p3", "inetOrgPerson")).isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
        assertThat(addPerson("p4", "extensibleObject", "inetOrgPerson")).isEqualTo(ResultCode.SUCCESS);
        assertThat(addPerson("p5", "inetOrgPerson", "posixAccount")).isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
        assertThat(addPerson("p6", "person")).isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
    }

    @Test
    void modifyIncrementsAndAnswersEachMistakeWithSlapdsCode() throws Exception {
        String dn = "uid=posix,ou=people,dc=example,dc=com";
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        dn,
                                        List.of(
                                                attr("objectClass", "inetOrgPerson", "posixAccount"),
                                                attr("uid", "posix"),
                                                attr("cn", "Posix"),
                                                attr("sn", "P"),
                                                attr("uidNumber", "1000"),
                                                attr("gidNumber", "100"),
                                                attr("homeDirectory", "/home/posix"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(modify(dn, ModOp.INCREMENT, "uidNumber", "5")).isEqualTo(ResultCode.SUCCESS);
        assertThat(value(dn, "uidNumber")).isEqualTo("1005");
        assertThat(modify(dn, ModOp.DELETE, "mail", "x@y")).isEqualTo(ResultCode.NO_SUCH_ATTRIBUTE);
        assertThat(modify(dn, ModOp.ADD, "cn", "posix")).isEqualTo(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
        assertThat(modify(dn, ModOp.DELETE, "uid")).isEqualTo(ResultCode.NOT_ALLOWED_ON_RDN);
        assertThat(modify(dn, ModOp.DELETE, "sn")).isEqualTo(ResultCode.OBJECT_CLASS_VIOLATION);
        assertThat(modify(dn, ModOp.REPLACE, "uidNumber", "one")).isEqualTo(ResultCode.INVALID_ATTRIBUTE_SYNTAX);
        // the values a change touches are checked, whatever others it leaves as they were stored
        assertThat(modify(dn, ModOp.ADD, "uidNumber", "7")).isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
        assertThat(modify(dn, ModOp.ADD, "mail", "caf\u00e9@example.com"))
                .isEqualTo(ResultCode.INVALID_ATTRIBUTE_SYNTAX);
        assertThat(modify(dn, ModOp.ADD, "description", "d", "D")).isEqualTo(ResultCode.ATTRIBUTE_OR_VALUE_EXISTS);
        assertThat(modify(dn, ModOp.REPLACE, "createTimestamp", "20200101000000Z"))
                .isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
        assertThat(modify(dn, ModOp.REPLACE, "noSuchType", "x")).isEqualTo(ResultCode.UNDEFINED_ATTRIBUTE_TYPE);
        assertThat(value(dn, "uidNumber"))
                .as("the refused changes left the entry as it was")
                .isEqualTo("1005");
    }

    @Test
    void aSubtreeMovesUnderANewParentWithItsChildren() throws Exception {
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        "ou=lab,dc=example,dc=com",
                                        List.of(attr("objectClass", "organizationalUnit"), attr("ou", "lab"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(h.send(
                                admin,
                                new AddRequest(
                                        "cn=bench,ou=lab,dc=example,dc=com",
                                        List.of(attr("objectClass", "device"), attr("cn", "bench"))))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        assertThat(h.send(
                                admin,
                                new ModifyDnRequest(
                                        "ou=lab,dc=example,dc=com", "ou=workshop", true, "ou=groups,dc=example,dc=com"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        var moved = h.send(
                admin,
                new SearchRequest(
                        "ou=workshop,ou=groups,dc=example,dc=com",
                        SearchScope.SUB,
                        DerefAliases.NEVER,
                        0,
                        0,
                        false,
                        FilterText.parse("(objectClass=*)"),
                        List.of("1.1")));
        assertThat(moved.dns())
                .containsExactly(
                        "ou=workshop,ou=groups,dc=example,dc=com", "cn=bench,ou=workshop,ou=groups,dc=example,dc=com");
        assertThat(value("ou=workshop,ou=groups,dc=example,dc=com", "ou"))
                .as("the old RDN value deleted")
                .isEqualTo("workshop");
        var gone = h.send(
                admin,
                new SearchRequest(
                        "cn=bench,ou=lab,dc=example,dc=com",
                        SearchScope.BASE,
                        DerefAliases.NEVER,
                        0,
                        0,
                        false,
                        FilterText.parse("(objectClass=*)"),
                        List.of()));
        assertThat(gone.result().code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(h.send(admin, new DeleteRequest("ou=workshop,ou=groups,dc=example,dc=com"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.NOT_ALLOWED_ON_NON_LEAF);
        assertThat(h.send(admin, new ModifyDnRequest(BOB, "uid=robert", true, "ou=nowhere,dc=example,dc=com"))
                        .result()
                        .code())
                .isEqualTo(ResultCode.NO_SUCH_OBJECT);
    }

    private String whoAmI(Session s) {
        ExtendedResponse r = (ExtendedResponse)
                h.send(s, new ExtendedRequest(Oids.WHO_AM_I, null)).done().op();
        assertThat(r.result().code()).isEqualTo(ResultCode.SUCCESS);
        return r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
    }

    /** An RFC 3062 request value: [0] userIdentity, [1] oldPasswd, [2] newPasswd, each optional. */
    private static byte[] passwordModify(String user, String oldPassword, String newPassword) {
        BerWriter w = new BerWriter(64).begin(BerTags.SEQUENCE);
        if (user != null) {
            w.string(0x80, user);
        }
        if (oldPassword != null) {
            w.string(0x81, oldPassword);
        }
        if (newPassword != null) {
            w.string(0x82, newPassword);
        }
        return w.end().toByteArray();
    }

    private DispatcherHarness.Reply changePassword(Session s, String user, String oldPassword, String newPassword) {
        return h.send(s, new ExtendedRequest(Oids.PASSWORD_MODIFY, passwordModify(user, oldPassword, newPassword)));
    }

    @Test
    void whoAmIAndPasswordModify() throws Exception {
        Session bob = h.connect();
        assertThat(whoAmI(bob)).isEmpty();
        bind(bob, BOB, "bob-password");
        assertThat(whoAmI(bob)).isEqualTo("dn:" + BOB);

        assertThat(changePassword(bob, null, "wrong-password", "bob-new-pw")
                        .result()
                        .code())
                .isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        assertThat(changePassword(bob, null, "bob-password", "bob-new-pw")
                        .result()
                        .code())
                .isEqualTo(ResultCode.SUCCESS);
        bind(h.connect(), BOB, "bob-new-pw");
        assertThat(h.send(h.connect(), BindRequest.simple(BOB, bytes("bob-password")))
                        .result()
                        .code())
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);

        // the administrator resets it and the server makes one up: genPasswd [0] in the response's value
        DispatcherHarness.Reply reset = changePassword(admin, "dn:" + BOB, null, null);
        assertThat(reset.result().code()).isEqualTo(ResultCode.SUCCESS);
        BerReader value = new BerReader(((ExtendedResponse) reset.done().op()).value()).readSequence(BerTags.SEQUENCE);
        String generated = value.readUtf8(0x80);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(12);
        bind(h.connect(), BOB, generated);

        assertThat(changePassword(admin, "uid=nobody,ou=people,dc=example,dc=com", null, "x-y-z-1234")
                        .result()
                        .code())
                .isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(changePassword(h.connect(), BOB, null, "anonymous-try")
                        .result()
                        .code())
                .as("an anonymous client changes nobody's password")
                .isNotEqualTo(ResultCode.SUCCESS);
    }
}
