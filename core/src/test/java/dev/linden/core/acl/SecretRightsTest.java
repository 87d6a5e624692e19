package dev.linden.core.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.backend.Backend;
import dev.linden.backend.BackendConfig;
import dev.linden.core.Session;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.Schema;
import dev.linden.storage.memory.MemoryStorage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may read, search and compare a secret: only by a rule that names it, the root DN included
 * (which keeps every other right, compare among them); a rule for every attribute never shows one.
 */
class SecretRightsTest {
    static final Schema SCHEMA = Schema.standard();
    static final AttributeType PASSWORD = SCHEMA.attributeType("userPassword");
    static final AttributeType CN = SCHEMA.attributeType("cn");
    static final String REPLICATOR = "cn=replicator,dc=example,dc=com";
    static final String ROOT = "cn=admin,dc=example,dc=com";
    static final String BOB = "uid=bob,dc=example,dc=com";

    final Entry bob = new Entry(dn(BOB));

    static Dn dn(String text) {
        try {
            return DnSyntax.parse(text, SCHEMA);
        } catch (LdapException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AccessControl acl(List<AccessRuleSpec> specs) {
        Backend empty = new Backend(
                new MemoryStorage(),
                SCHEMA,
                new BackendConfig(List.of(dn("dc=example,dc=com")), BackendConfig.defaultIndexes(), 10));
        return new AccessControl(AccessRules.build(specs, SCHEMA), SCHEMA, new GroupMembership(empty), dn(ROOT));
    }

    static AccessContext as(AccessControl acl, String who) {
        Session s = new Session(1, "127.0.0.1");
        s.bind(dn(who), who.equals(ROOT));
        return acl.context(s);
    }

    static AccessRuleSpec.ClauseSpec by(String who, String dn, String... grant) {
        return new AccessRuleSpec.ClauseSpec(who, dn, null, null, null, null, List.of(grant));
    }

    static AccessRuleSpec to(List<String> attrs, AccessRuleSpec.ClauseSpec... by) {
        return new AccessRuleSpec(null, null, null, attrs, List.of(by));
    }

    @Test
    void byDefaultNobodyReadsASecretNotEvenTheRootDn() {
        AccessControl acl = acl(AccessRules.defaults(null, false));
        assertThat(AccessControl.mayShowSecrets(acl.rules())).isFalse();
        AccessContext root = as(acl, ROOT);
        assertThat(acl.onAttribute(root, bob, PASSWORD))
                .doesNotContain(Right.READ, Right.SEARCH)
                .contains(Right.COMPARE, Right.WRITE, Right.AUTH);
        assertThat(acl.rights(root, bob).on(PASSWORD, Right.READ)).isFalse();
        assertThat(acl.rights(root, bob).on(CN, Right.READ)).isTrue();
        assertThat(acl.rights(root, bob).uniform()).isTrue();
        AccessContext self = as(acl, BOB);
        assertThat(acl.onAttribute(self, bob, PASSWORD)).containsExactlyInAnyOrder(Right.AUTH, Right.WRITE);
    }

    @Test
    void aRuleForEveryAttributeNeverShowsASecret() {
        AccessControl acl = acl(List.of(to(null, by("users", null, "manage"))));
        assertThat(AccessControl.mayShowSecrets(acl.rules())).isFalse();
        AccessContext replicator = as(acl, REPLICATOR);
        assertThat(acl.onAttribute(replicator, bob, PASSWORD))
                .doesNotContain(Right.READ, Right.SEARCH, Right.COMPARE)
                .contains(Right.AUTH, Right.WRITE);
        assertThat(acl.rights(replicator, bob).on(PASSWORD, Right.READ)).isFalse();
        assertThat(acl.rights(replicator, bob).on(CN, Right.READ)).isTrue();
    }

    @Test
    void aRuleNamingTheSecretShowsItToWhomItGrantsRead() {
        AccessControl acl = acl(List.of(
                to(
                        List.of("userPassword"),
                        by(null, REPLICATOR, "read"),
                        by("self", null, "auth", "write"),
                        by("anyone", null, "auth")),
                to(null, by("users", null, "read"))));
        assertThat(AccessControl.mayShowSecrets(acl.rules())).isTrue();
        AccessContext replicator = as(acl, REPLICATOR);
        assertThat(acl.onAttribute(replicator, bob, PASSWORD)).contains(Right.READ, Right.SEARCH, Right.COMPARE);
        EntryRights rights = acl.rights(replicator, bob);
        assertThat(rights.on(PASSWORD, Right.READ)).isTrue();
        assertThat(rights.uniform())
                .as("the secret must be sent beside the stored user section")
                .isFalse();
        for (String other : List.of(BOB, ROOT, "uid=carol,dc=example,dc=com")) {
            AccessContext ctx = as(acl, other);
            assertThat(acl.onAttribute(ctx, bob, PASSWORD)).as(other).doesNotContain(Right.READ, Right.SEARCH);
            assertThat(acl.rights(ctx, bob).on(PASSWORD, Right.READ)).as(other).isFalse();
            assertThat(acl.rights(ctx, bob).uniform()).as(other).isTrue();
        }
    }

    @Test
    void aRuleNamingTheSecretAndGrantingNothingLeavesNothing() {
        AccessControl acl = acl(List.of(to(List.of("userPassword"), by("anyone", null, "none"))));
        assertThat(acl.onAttribute(as(acl, BOB), bob, PASSWORD)).isEmpty();
        assertThat(acl.onAttribute(as(acl, ROOT), bob, PASSWORD))
                .doesNotContain(Right.READ)
                .contains(Right.WRITE);
    }

    @Test
    void theRootDnReadsASecretOnlyWhenARuleNamingItSaysSo() {
        AccessControl acl =
                acl(List.of(to(List.of("userPassword"), by(null, ROOT, "read"), by("anyone", null, "auth"))));
        AccessContext root = as(acl, ROOT);
        assertThat(acl.onAttribute(root, bob, PASSWORD)).contains(Right.READ, Right.SEARCH, Right.WRITE, Right.MANAGE);
        assertThat(acl.rights(root, bob).on(PASSWORD, Right.READ)).isTrue();
        assertThat(acl.rights(root, bob).uniform()).isFalse();
        assertThat(acl.rights(root, bob).on(CN, Right.MANAGE))
                .as("everything else, as always")
                .isTrue();
    }
}
