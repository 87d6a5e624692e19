package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.PLAINBindRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SCRAMSHA256BindRequest;
import dev.linden.testkit.TestServer;
import org.junit.jupiter.api.Test;

/** SASL binds are no way around the lockout: PLAIN and SCRAM failures count, and a locked account stays locked for them. */
class SaslLockoutIT {
    static final String CAROL = "uid=carol,ou=people,dc=example,dc=com";

    @Test
    void guessingThroughPlainLocksTheAccountForEveryMechanism() throws Exception {
        try (TestServer s = TestServer.memory(
                                "passwordPolicy: {mustChange: false, lockout: true, maxFailure: 3, lockoutDuration: 600}\n")
                        .loadResource("sample.ldif");
                LDAPConnection c = new LDAPConnection("127.0.0.1", s.port())) {
            // SCRAM credentials exist once the password is set in clear after the load
            try (LDAPConnection admin =
                    new LDAPConnection("127.0.0.1", s.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
                admin.modify(
                        CAROL,
                        new com.unboundid.ldap.sdk.Modification(
                                com.unboundid.ldap.sdk.ModificationType.REPLACE, "userPassword", "carol-password"));
            }
            assertThat(c.bind(new SCRAMSHA256BindRequest("carol", "carol-password"))
                            .getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            for (int i = 0; i < 2; i++) {
                String guess = "guess-" + i;
                assertThat(resultOf(() -> c.bind(new PLAINBindRequest("u:carol", guess))))
                        .isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
            assertThat(resultOf(() -> c.bind(new SCRAMSHA256BindRequest("carol", "guess-3"))))
                    .isEqualTo(ResultCode.INVALID_CREDENTIALS);
            // three failures through two mechanisms: locked, whatever the mechanism and even with the right password
            assertThat(resultOf(() -> c.bind(CAROL, "carol-password"))).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(resultOf(() -> c.bind(new PLAINBindRequest("u:carol", "carol-password"))))
                    .isEqualTo(ResultCode.INVALID_CREDENTIALS);
            assertThat(resultOf(() -> c.bind(new SCRAMSHA256BindRequest("carol", "carol-password"))))
                    .isEqualTo(ResultCode.INVALID_CREDENTIALS);
            // another account is unaffected
            assertThat(c.bind(new PLAINBindRequest("u:alice", "alice-password")).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
        }
    }
}
