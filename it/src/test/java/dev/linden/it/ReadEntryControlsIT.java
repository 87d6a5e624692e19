package dev.linden.it;

import static dev.linden.it.OperationsIT.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PostReadResponseControl;
import com.unboundid.ldap.sdk.controls.PreReadRequestControl;
import com.unboundid.ldap.sdk.controls.PreReadResponseControl;
import dev.linden.testkit.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Pre-read and post-read return only what the asker may read (never a password hash, which nobody
 * reads), and an assertion cannot test what the asker may not search: as for a search, such an item
 * is Undefined, so the update does not happen.
 */
class ReadEntryControlsIT {
    private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com"; // in cn=admins: manages everything
    private static final String BOB = "uid=bob,ou=people,dc=example,dc=com";

    @Test
    void theReadEntriesHoldWhatTheAskerMayRead() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif");
                LDAPConnection alice = new LDAPConnection("127.0.0.1", s.port(), ALICE, "alice-password")) {
            ModifyRequest m =
                    new ModifyRequest(BOB, new Modification(ModificationType.REPLACE, "description", "read back"));
            m.addControl(new PreReadRequestControl(true, "description", "userPassword", "cn"));
            m.addControl(new PostReadRequestControl(true, "*", "entryDN"));
            LDAPResult r = alice.modify(m);
            var before = PreReadResponseControl.get(r).getEntry();
            var after = PostReadResponseControl.get(r).getEntry();
            assertThat(before.hasAttribute("cn")).isTrue();
            assertThat(before.hasAttribute("description")).isFalse();
            assertThat(before.hasAttribute("userPassword")).isFalse();
            assertThat(after.getAttributeValue("description")).isEqualTo("read back");
            assertThat(after.getAttributeValue("entryDN")).isEqualTo(BOB);
            assertThat(after.hasAttribute("userPassword")).isFalse(); // "*" does not show hashes, not even to managers
        }
    }

    @Test
    void anAssertionOnWhatTheAskerMayNotSearchFails() throws Exception {
        try (TestServer s = TestServer.memory().loadResource("sample.ldif");
                LDAPConnection alice = new LDAPConnection("127.0.0.1", s.port(), ALICE, "alice-password")) {
            ModifyRequest probe =
                    new ModifyRequest(BOB, new Modification(ModificationType.REPLACE, "description", "x"));
            probe.addControl(new AssertionRequestControl("(userPassword=*)"));
            assertThat(resultOf(() -> alice.modify(probe))).isEqualTo(ResultCode.ASSERTION_FAILED);
            ModifyRequest fair = new ModifyRequest(BOB, new Modification(ModificationType.REPLACE, "description", "x"));
            fair.addControl(new AssertionRequestControl("(cn=Bob Brown)"));
            assertThat(alice.modify(fair).getResultCode()).isEqualTo(ResultCode.SUCCESS);
        }
    }
}
