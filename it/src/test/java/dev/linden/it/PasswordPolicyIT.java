package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10RequestControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10WarningType;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.testkit.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password policy (draft-behera-ldap-password-policy) over real sockets, checked with the UnboundID
 * SDK's own implementation of the password policy control and with OpenLDAP's ldapwhoami. The
 * default policy here locks (lockout is off unless configured) after 3 failures for 2 seconds and
 * keeps 3 passwords and makes a user change a password the administrator set; some accounts name a policy entry of their own.
 */
class PasswordPolicyIT {
    static final String PEOPLE = "ou=people,dc=example,dc=com";
    static final String POLICIES = "ou=policies,dc=example,dc=com";
    static final String CONFIG = """
            passwordPolicy: {lockout: true, maxFailure: 3, lockoutDuration: 2, inHistory: 3, mustChange: true}
            throttle: {enabled: false}
            """;
    static TestServer server;
    static LDAPConnection admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory(CONFIG).loadResource("sample.ldif").loadLdif(policies() + users());
        admin = new LDAPConnection("127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    static String policies() {
        return """
                dn: ou=policies,dc=example,dc=com
                objectClass: organizationalUnit
                ou: policies

                dn: cn=strict,ou=policies,dc=example,dc=com
                objectClass: organizationalRole
                objectClass: pwdPolicy
                cn: strict
                pwdAttribute: userPassword
                pwdLockout: TRUE
                pwdMaxFailure: 3
                pwdLockoutDuration: 0

                dn: cn=young,ou=policies,dc=example,dc=com
                objectClass: organizationalRole
                objectClass: pwdPolicy
                cn: young
                pwdAttribute: userPassword
                pwdMinAge: 3600

                dn: cn=aging,ou=policies,dc=example,dc=com
                objectClass: organizationalRole
                objectClass: pwdPolicy
                cn: aging
                pwdAttribute: userPassword
                pwdMaxAge: 1000
                pwdExpireWarning: 2000

                dn: cn=grace,ou=policies,dc=example,dc=com
                objectClass: organizationalRole
                objectClass: pwdPolicy
                cn: grace
                pwdAttribute: userPassword
                pwdMaxAge: 60
                pwdGraceAuthNLimit: 2

                """;
    }

    static String users() {
        String now = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        return user("locked")
                + user("other")
                + user("strict", "pwdPolicySubentry: cn=strict," + POLICIES)
                + user("tool")
                + user("changer")
                + user("young", "pwdPolicySubentry: cn=young," + POLICIES)
                + user("reset")
                + user("aging", "pwdPolicySubentry: cn=aging," + POLICIES, "pwdChangedTime: " + now)
                + user("grace", "pwdPolicySubentry: cn=grace," + POLICIES, "pwdChangedTime: 20000101000000Z")
                + user(
                        "expired",
                        "pwdPolicySubentry: cn=grace," + POLICIES,
                        "pwdChangedTime: 20000101000000Z",
                        "pwdGraceUseTime: 20000101000001Z",
                        "pwdGraceUseTime: 20000101000002Z");
    }

    static String user(String uid, String... extra) {
        return "dn: uid=" + uid + "," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: " + uid + "\nsn: "
                + uid + "\nuserPassword: " + uid + "-password\n" + String.join("\n", extra)
                + (extra.length > 0 ? "\n" : "")
                + "\n";
    }

    static String dn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    static LDAPConnection connect() throws LDAPException {
        return new LDAPConnection("127.0.0.1", server.port());
    }

    /** Binds with the password policy request control; the result, whether the bind succeeded or not. */
    static LDAPResult bind(LDAPConnection c, String uid, String password) {
        try {
            return c.bind(
                    new SimpleBindRequest(dn(uid), password, new DraftBeheraLDAPPasswordPolicy10RequestControl()));
        } catch (LDAPException e) {
            return e.toLDAPResult();
        }
    }

    static LDAPResult bind(String uid, String password) throws LDAPException {
        try (LDAPConnection c = connect()) {
            return bind(c, uid, password);
        }
    }

    static DraftBeheraLDAPPasswordPolicy10ResponseControl ppolicy(LDAPResult r) throws LDAPException {
        DraftBeheraLDAPPasswordPolicy10ResponseControl c = DraftBeheraLDAPPasswordPolicy10ResponseControl.get(r);
        assertThat(c).as("password policy response control in " + r).isNotNull();
        return c;
    }

    static LDAPResult changeOwnPassword(LDAPConnection c, String oldPassword, String newPassword) {
        try {
            return c.processExtendedOperation(new PasswordModifyExtendedRequest(
                    null, oldPassword, newPassword, new Control[] {new DraftBeheraLDAPPasswordPolicy10RequestControl()
                    }));
        } catch (LDAPException e) {
            return e.toLDAPResult();
        }
    }

    static LDAPResult search(LDAPConnection c) {
        try {
            SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, "(uid=other)");
            r.addControl(new DraftBeheraLDAPPasswordPolicy10RequestControl());
            return c.search(r);
        } catch (LDAPException e) {
            return e.toLDAPResult();
        }
    }

    static SearchResultEntry state(String uid) throws LDAPException {
        return admin.getEntry(
                dn(uid),
                "pwdFailureTime",
                "pwdAccountLockedTime",
                "pwdChangedTime",
                "pwdReset",
                "pwdGraceUseTime",
                "pwdHistory");
    }

    @Test
    void theRootDseOffersTheControl() throws Exception {
        assertThat(admin.getRootDSE().getSupportedControlOIDs()).contains("1.3.6.1.4.1.42.2.27.8.5.1");
    }

    @Test
    void lockoutAfterMaxFailuresThenAutomaticUnlock() throws Exception {
        for (int i = 0; i < 3; i++) {
            LDAPResult wrong = bind("locked", "wrong-" + i);
            assertThat(wrong.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(ppolicy(wrong).getErrorType()).isNull();
        }
        SearchResultEntry s = state("locked");
        assertThat(s.getAttributeValues("pwdFailureTime"))
                .hasSize(3)
                .allMatch(v -> v.matches("\\d{14}\\.\\d{6}Z"), "GeneralizedTime with fractional seconds");
        assertThat(s.getAttributeValue("pwdAccountLockedTime")).isNotNull();

        LDAPResult right = bind("locked", "locked-password");
        assertThat(right.getResultCode()).as("the right password, locked").isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(ppolicy(right).getErrorType()).isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.ACCOUNT_LOCKED);
        try (LDAPConnection c = connect()) { // without the control: the same code, no control
            LDAPException e = org.junit.jupiter.api.Assertions.assertThrows(
                    LDAPException.class, () -> c.bind(dn("locked"), "locked-password"));
            assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(e.getResponseControls()).isEmpty();
        }
        assertThat(bind("other", "other-password").getResultCode())
                .as("another account")
                .isEqualTo(ResultCode.SUCCESS);

        Thread.sleep(2_100); // lockoutDuration: 2 s
        LDAPResult later = bind("locked", "locked-password");
        assertThat(later.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(ppolicy(later).getErrorType()).isNull();
        s = state("locked");
        assertThat(s.hasAttribute("pwdFailureTime"))
                .as("cleared by the successful bind")
                .isFalse();
        assertThat(s.hasAttribute("pwdAccountLockedTime")).isFalse();

        SecurityCounters.Snapshot counters = server.securityCounters();
        assertThat(counters.lockouts()).isGreaterThanOrEqualTo(1);
        assertThat(counters.failedBinds().get(SecurityCounters.BindFailure.WRONG_PASSWORD))
                .isGreaterThanOrEqualTo(3);
        assertThat(counters.failedBinds().get(SecurityCounters.BindFailure.ACCOUNT_LOCKED))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAdministratorUnlocksAnAccount() throws Exception {
        for (int i = 0; i < 3; i++) {
            bind("strict", "wrong");
        }
        // the policy entry says pwdLockoutDuration 0: locked until an administrator unlocks
        assertThat(ppolicy(bind("strict", "strict-password")).getErrorType())
                .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.ACCOUNT_LOCKED);
        admin.modify(dn("strict"), new Modification(ModificationType.DELETE, "pwdAccountLockedTime"));
        SearchResultEntry s = state("strict");
        assertThat(s.hasAttribute("pwdAccountLockedTime")).isFalse();
        assertThat(s.hasAttribute("pwdFailureTime"))
                .as("unlocking starts the count over")
                .isFalse();
        assertThat(bind("strict", "strict-password").getResultCode()).isEqualTo(ResultCode.SUCCESS);
        // and a single wrong password afterwards does not lock it again
        bind("strict", "wrong");
        assertThat(bind("strict", "strict-password").getResultCode()).isEqualTo(ResultCode.SUCCESS);
    }

    @Test
    void ldapwhoamiShowsTheLockout() throws Exception {
        for (int i = 0; i < 3; i++) {
            OpenLdapToolsIT.Run r = OpenLdapToolsIT.run(
                    null, "ldapwhoami", "-x", "-H", server.url(), "-D", dn("tool"), "-w", "wrong", "-e", "ppolicy");
            assertThat(r.exit()).isEqualTo(49);
        }
        OpenLdapToolsIT.Run r = OpenLdapToolsIT.run(
                null, "ldapwhoami", "-x", "-H", server.url(), "-D", dn("tool"), "-w", "tool-password", "-e", "ppolicy");
        assertThat(r.exit()).isEqualTo(49);
        assertThat(r.out() + r.err()).contains("Account locked");
    }

    @Test
    void aNewPasswordMustBeLongEnoughAndNotRecent() throws Exception {
        try (LDAPConnection c = connect()) {
            assertThat(bind(c, "changer", "changer-password").getResultCode()).isEqualTo(ResultCode.SUCCESS);
            LDAPResult tooShort = changeOwnPassword(c, "changer-password", "short");
            assertThat(tooShort.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
            assertThat(ppolicy(tooShort).getErrorType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_TOO_SHORT);

            LDAPResult same = changeOwnPassword(c, "changer-password", "changer-password");
            assertThat(same.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
            assertThat(ppolicy(same).getErrorType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_IN_HISTORY);

            assertThat(changeOwnPassword(c, "changer-password", "second-password")
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(changeOwnPassword(c, "second-password", "third-password").getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            LDAPResult reused = changeOwnPassword(c, "third-password", "changer-password");
            assertThat(reused.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
            assertThat(ppolicy(reused).getErrorType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_IN_HISTORY);

            LDAPResult hashed = changeOwnPassword(c, "third-password", "{SSHA}Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==");
            assertThat(ppolicy(hashed).getErrorType())
                    .as("checkQuality 2: a value that cannot be checked")
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.INSUFFICIENT_PASSWORD_QUALITY);
        }
        assertThat(bind("changer", "third-password").getResultCode()).isEqualTo(ResultCode.SUCCESS);
        // pwdHistory: hashes only, never a cleartext password, and never returned over LDAP
        Entry stored = server.backend()
                .get(DnSyntax.parse(dn("changer"), server.backend().schema()));
        List<String> history = stored.strings(server.backend().schema().attributeType("pwdHistory"));
        assertThat(history)
                .hasSize(2)
                .allMatch(v -> v.matches(
                        "\\d{14}Z#1\\.3\\.6\\.1\\.4\\.1\\.1466\\.115\\.121\\.1\\.40#\\d+#\\{[A-Z0-9-]+\\}.+"));
        assertThat(String.join(" ", history)).doesNotContain("changer-password", "second-password");
        assertThat(state("changer").hasAttribute("pwdHistory")).isFalse();
        assertThat(state("changer").getAttributeValue("pwdChangedTime")).matches("\\d{14}Z");
    }

    @Test
    void aPasswordChangedTooRecentlyCannotChangeAgain() throws Exception {
        try (LDAPConnection c = connect()) {
            bind(c, "young", "young-password");
            assertThat(changeOwnPassword(c, "young-password", "young-password-2")
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            LDAPResult again = changeOwnPassword(c, "young-password-2", "young-password-3");
            assertThat(again.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
            assertThat(ppolicy(again).getErrorType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_TOO_YOUNG);
        }
    }

    @Test
    void afterAnAdministratorResetTheUserMustChangeThePasswordFirst() throws Exception {
        admin.modify(new ModifyRequest(
                dn("reset"), new Modification(ModificationType.REPLACE, "userPassword", "temporary-1")));
        assertThat(state("reset").getAttributeValue("pwdReset")).isEqualTo("TRUE");
        try (LDAPConnection c = connect()) {
            LDAPResult b = bind(c, "reset", "temporary-1");
            assertThat(b.getResultCode()).as("the bind itself succeeds").isEqualTo(ResultCode.SUCCESS);
            assertThat(ppolicy(b).getErrorType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.CHANGE_AFTER_RESET);
            LDAPResult refused = search(c);
            assertThat(refused.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            assertThat(ppolicy(refused).getErrorType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.CHANGE_AFTER_RESET);
            assertThat(changeOwnPassword(c, "temporary-1", "my-own-password").getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThat(search(c).getResultCode()).isEqualTo(ResultCode.SUCCESS);
        }
        assertThat(state("reset").hasAttribute("pwdReset")).isFalse();
        LDAPResult fresh = bind("reset", "my-own-password");
        assertThat(fresh.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(ppolicy(fresh).getErrorType()).isNull();
    }

    @Test
    void byDefaultAnAdministratorResetLeavesTheUserFreeToWork() throws Exception {
        try (TestServer plain = TestServer.memory().loadResource("sample.ldif")) { // the default policy
            String bob = "uid=bob,ou=people,dc=example,dc=com";
            OpenLdapToolsIT.Run reset = OpenLdapToolsIT.run(
                    null,
                    "ldappasswd",
                    "-x",
                    "-H",
                    plain.url(),
                    "-D",
                    TestServer.ADMIN_DN,
                    "-w",
                    TestServer.ADMIN_PASSWORD,
                    "-s",
                    "temporary-pw-1",
                    bob);
            assertThat(reset.exit()).as(reset.err()).isZero();
            // ldapwhoami asks for the password policy control: no "Password must be changed"
            OpenLdapToolsIT.Run who = OpenLdapToolsIT.run(
                    null, "ldapwhoami", "-x", "-e", "ppolicy", "-H", plain.url(), "-D", bob, "-w", "temporary-pw-1");
            assertThat(who.exit()).as(who.err()).isZero();
            assertThat(who.out().strip()).isEqualTo("dn:" + bob);
            assertThat(who.err()).doesNotContainIgnoringCase("must be changed");
            OpenLdapToolsIT.Run search = OpenLdapToolsIT.run(
                    null,
                    "ldapsearch",
                    "-x",
                    "-LLL",
                    "-H",
                    plain.url(),
                    "-D",
                    bob,
                    "-w",
                    "temporary-pw-1",
                    "-b",
                    PEOPLE,
                    "(uid=carol)",
                    "mail");
            assertThat(search.exit()).as(search.err()).isZero();
            assertThat(search.out()).contains("mail: carol@example.com");
            try (LDAPConnection a =
                    new LDAPConnection("127.0.0.1", plain.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                assertThat(a.getEntry(bob, "pwdReset").hasAttribute("pwdReset"))
                        .as("no reset flag is kept")
                        .isFalse();
            }
        }
    }

    @Test
    void aPasswordNearExpiryGetsAWarning() throws Exception {
        LDAPResult r = bind("aging", "aging-password");
        assertThat(r.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        DraftBeheraLDAPPasswordPolicy10ResponseControl c = ppolicy(r);
        assertThat(c.getWarningType()).isEqualTo(DraftBeheraLDAPPasswordPolicy10WarningType.TIME_BEFORE_EXPIRATION);
        assertThat(c.getWarningValue()).isBetween(900, 1000);
    }

    @Test
    void anExpiredPasswordUsesGraceBindsThenFails() throws Exception {
        try (LDAPConnection c = connect()) {
            LDAPResult first = bind(c, "grace", "grace-password");
            assertThat(first.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(ppolicy(first).getWarningType())
                    .isEqualTo(DraftBeheraLDAPPasswordPolicy10WarningType.GRACE_LOGINS_REMAINING);
            assertThat(ppolicy(first).getWarningValue()).isEqualTo(1);
            assertThat(search(c).getResultCode())
                    .as("a grace bind is for changing the password")
                    .isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
        }
        LDAPResult second = bind("grace", "grace-password");
        assertThat(second.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        assertThat(ppolicy(second).getWarningValue()).isZero();
        assertThat(state("grace").getAttributeValues("pwdGraceUseTime")).hasSize(2);
        LDAPResult third = bind("grace", "grace-password");
        assertThat(third.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(ppolicy(third).getErrorType()).isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_EXPIRED);

        LDAPResult expired = bind("expired", "expired-password");
        assertThat(expired.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(ppolicy(expired).getErrorType())
                .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.PASSWORD_EXPIRED);
        assertThat(server.securityCounters().failedBinds().get(SecurityCounters.BindFailure.PASSWORD_EXPIRED))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theAdministratorIsNeverLockedOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (LDAPConnection c = connect()) {
                assertThat(org.junit.jupiter.api.Assertions.assertThrows(
                                        LDAPException.class, () -> c.bind(TestServer.ADMIN_DN, "wrong"))
                                .getResultCode())
                        .isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
        }
        try (LDAPConnection c = connect()) {
            BindResult ok = c.bind(new SimpleBindRequest(
                    TestServer.ADMIN_DN,
                    TestServer.ADMIN_PASSWORD,
                    new DraftBeheraLDAPPasswordPolicy10RequestControl()));
            assertThat(ok.getResultCode()).isEqualTo(ResultCode.SUCCESS);
        }
    }

    @Test
    void failureCountsSurviveARestartOnLmdb() throws Exception {
        Path dir = TestServer.tempDir("linden-ppolicy");
        String config = "passwordPolicy: {lockout: true, maxFailure: 3}\nthrottle: {enabled: false}\n";
        try (TestServer lmdb = TestServer.lmdb(dir, config).loadResource("sample.ldif")) {
            for (int i = 0; i < 2; i++) {
                try (LDAPConnection c = new LDAPConnection("127.0.0.1", lmdb.port())) {
                    org.junit.jupiter.api.Assertions.assertThrows(
                            LDAPException.class, () -> c.bind("uid=alice,ou=people,dc=example,dc=com", "wrong"));
                }
            }
        }
        try (TestServer lmdb = TestServer.lmdb(dir, config)) {
            try (LDAPConnection a =
                    new LDAPConnection("127.0.0.1", lmdb.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                assertThat(a.getEntry("uid=alice,ou=people,dc=example,dc=com", "pwdFailureTime")
                                .getAttributeValues("pwdFailureTime"))
                        .hasSize(2);
            }
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", lmdb.port())) {
                org.junit.jupiter.api.Assertions.assertThrows(
                        LDAPException.class,
                        () -> c.bind("uid=alice,ou=people,dc=example,dc=com", "wrong")); // the third, after the restart
                LDAPResult r;
                try {
                    r = c.bind(new SimpleBindRequest(
                            "uid=alice,ou=people,dc=example,dc=com",
                            "alice-password",
                            new DraftBeheraLDAPPasswordPolicy10RequestControl()));
                } catch (LDAPException e) {
                    r = e.toLDAPResult();
                }
                assertThat(r.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                assertThat(ppolicy(r).getErrorType())
                        .isEqualTo(DraftBeheraLDAPPasswordPolicy10ErrorType.ACCOUNT_LOCKED);
            }
        }
    }
}
