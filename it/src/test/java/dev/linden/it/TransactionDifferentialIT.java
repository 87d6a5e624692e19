package dev.linden.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.it.differential.Outcome;
import dev.linden.it.differential.Pair;
import dev.linden.it.differential.TransactionCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * LDAP transactions (RFC 5805) compared with slapd's, on a pair of servers of their own: slapd 2.5's
 * transactions are fragile (it has crashed on them after a canceled synchronization), so they do not
 * share the main differential suite's slapd.
 */
class TransactionDifferentialIT {
    private static Pair servers;

    @BeforeAll
    static void start() throws Exception {
        servers = Pair.start("", "");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static void restart(String why) throws Exception {
        System.out.println("transactions: slapd went away (" + why + "); starting a fresh pair");
        servers.close();
        servers = Pair.start("", "");
    }

    @TestFactory
    Stream<DynamicTest> linden_agrees_with_slapd() {
        return TransactionCases.all().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    if (!servers.slapdAdmin().isConnected()) { // slapd died after the case before: a fresh pair
                        restart("before " + c.name());
                    }
                    Outcome expected;
                    try {
                        expected = servers.runner().run(c, servers.runner().slapd());
                    } catch (Exception e) { // slapd 2.5 crashes now and then on transactions: the case once more on a
                        // fresh pair
                        restart(c.name() + ": " + e.getMessage());
                        expected = servers.runner().run(c, servers.runner().slapd());
                    }
                    Outcome actual = servers.runner().run(c, servers.runner().linden());
                    if (Boolean.getBoolean("differential.verbose")) {
                        System.out.printf("== transactions / %s%n-- slapd:%s-- linden:%s", c.name(), expected, actual);
                    }
                    assertThat(actual)
                            .as("%s: Linden (actual) against slapd (expected)", c.name())
                            .isEqualTo(expected);
                }));
    }
}
