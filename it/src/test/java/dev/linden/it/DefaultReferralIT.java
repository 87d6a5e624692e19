package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import dev.linden.it.differential.Case;
import dev.linden.it.differential.Ops;
import dev.linden.it.differential.Outcome;
import dev.linden.it.differential.Pair;
import dev.linden.it.differential.Runner;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The default referral (slapd's "referral" directive, Linden's "referral:" key): names outside every
 * naming context are referred there, with the target's DN and a search's scope in the URL, compared
 * with slapd on each operation; names inside are answered as ever.
 */
class DefaultReferralIT {
    private static final String DEFAULT = "ldap://default.example.com/";
    private static Pair servers;
    private static Runner runner;

    @BeforeAll
    static void start() throws Exception {
        servers = Pair.start("referral " + DEFAULT, "referral: [\"" + DEFAULT + "\"]\n");
        runner = servers.runner();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static Case.Action search(String base, SearchScope scope) {
        return (s, o) -> o.search("search", Ops.search(s.admin(), new SearchRequest(base, scope, "(objectClass=*)")));
    }

    @org.junit.jupiter.api.Test
    void the_referral_names_the_target_and_the_scope() throws Exception {
        for (LDAPConnection c :
                List.of(servers.slapdAdmin(), servers.lindenAdmin())) { // both refer, not noSuchObject alike
            var result = Ops.search(c, new SearchRequest("ou=x,dc=other,dc=org", SearchScope.SUB, "(objectClass=*)"));
            assertThat(result.getResultCode()).isEqualTo(com.unboundid.ldap.sdk.ResultCode.REFERRAL);
            assertThat(result.getReferralURLs())
                    .containsExactly("ldap://default.example.com/ou=x,dc=other,dc=org??sub");
        }
    }

    @TestFactory
    Stream<DynamicTest> names_outside_the_suffix_are_referred() {
        List<Case> cases = List.of(
                Case.read("search outside the suffix", search("ou=x,dc=other,dc=org", SearchScope.SUB)),
                Case.read("one-level search outside the suffix", search("dc=org", SearchScope.ONE)),
                Case.read(
                        "search inside the suffix", search("uid=alice,ou=people,dc=example,dc=com", SearchScope.BASE)),
                Case.read(
                        "search for a missing entry inside the suffix",
                        search("uid=nobody,ou=people,dc=example,dc=com", SearchScope.BASE)),
                Case.read(
                        "compare outside the suffix",
                        (s, o) -> o.result(
                                "compare",
                                Ops.call(() ->
                                        s.admin().compare(new CompareRequest("cn=x,dc=other,dc=org", "cn", "x"))))),
                Case.read(
                        "modify outside the suffix",
                        (s, o) -> o.result(
                                "modify",
                                Ops.call(() -> s.admin()
                                        .modify(new ModifyRequest(
                                                "cn=x,dc=other,dc=org",
                                                new Modification(ModificationType.REPLACE, "sn", "y")))))),
                Case.read(
                        "add outside the suffix",
                        (s, o) -> o.result(
                                "add",
                                Ops.call(() -> s.admin()
                                        .add(new AddRequest(
                                                "cn=x,dc=other,dc=org",
                                                new Attribute("objectClass", "person"),
                                                new Attribute("cn", "x"),
                                                new Attribute("sn", "x")))))),
                Case.read(
                        "delete outside the suffix",
                        (s, o) -> o.result("delete", Ops.call(() -> s.admin().delete("cn=x,dc=other,dc=org")))));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Outcome expected = runner.run(c, runner.slapd());
                    Outcome actual = runner.run(c, runner.linden());
                    assertThat(actual)
                            .as("%s: Linden (actual) against slapd (expected)", c.name())
                            .isEqualTo(expected);
                }));
    }
}
