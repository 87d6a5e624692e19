package dev.linden.it;

import static dev.linden.it.DetectionIT.alerts;
import static dev.linden.it.DetectionIT.bind;
import static dev.linden.it.DetectionIT.connect;
import static dev.linden.it.DetectionIT.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.PLAINBindRequest;
import com.unboundid.ldap.sdk.ResultCode;
import dev.linden.testkit.TestServer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Password-guessing defences that cannot be turned against the account's owner (issue 16), with the
 * product's throttle and detection over real sockets, clients on several loopback addresses: the
 * owner's familiar address is answered at once while the guesser's is slowed, a test suite's wrong
 * passwords for the root DN do not slow its run, a spray is still blocked, SASL binds make an
 * address familiar and a password change makes the old holders strangers again. Timing assertions keep far from the configured delays.
 */
class OwnerSparedIT {
    private static final String ALICE = "uid=alice,ou=people,dc=example,dc=com";
    private static final int MAX_DELAY = 2000;
    /** the throttle's defaults, except a shorter first delay (so ten guesses take seconds, not tens) */
    private static final String CONFIG =
            "detection: {}\nthrottle: {baseDelayMillis: 100, maxDelayMillis: " + MAX_DELAY + "}\n";

    /** Binds on a new connection from {@code local}; returns the result code and how long the bind took (ms). */
    private static long[] timedBind(TestServer server, String local, String dn, String password) throws Exception {
        try (LDAPConnection c = connect(server, local)) {
            long start = System.nanoTime();
            ResultCode code = bind(c, dn, password);
            return new long[] {code.intValue(), (System.nanoTime() - start) / 1_000_000};
        }
    }

    private static List<String> accessLog(TestServer server, String client) throws Exception {
        return Files.readAllLines(server.logDir().resolve("access.log")).stream()
                .filter(l -> l.contains(" client=" + client + ":") && l.contains(" BIND "))
                .toList();
    }

    @Test
    void tenWrongPasswordsFromOneAddressNeverSlowTheOwnersFamiliarAddress() throws Exception {
        try (TestServer server = TestServer.memory(CONFIG).loadResource("sample.ldif")) {
            assertThat(timedBind(server, "127.0.0.31", ALICE, "alice-password")[0])
                    .isEqualTo(0); // alice's own place
            for (int i = 0; i < 10; i++) {
                assertThat(timedBind(server, "127.0.0.32", ALICE, "guess-" + i)[0])
                        .isEqualTo(49);
            }
            long[] owner = timedBind(server, "127.0.0.31", ALICE, "alice-password");
            long[] guesser = timedBind(server, "127.0.0.32", ALICE, "alice-password");
            long[] stranger = timedBind(server, "127.0.0.33", ALICE, "alice-password");
            assertThat(owner[0]).isZero();
            assertThat(owner[1]).as("the owner's familiar address: at once").isLessThan(MAX_DELAY / 2);
            assertThat(guesser[0])
                    .as("no lockout by default: the right password still works")
                    .isZero();
            assertThat(guesser[1]).as("from the guessing address: slowed").isGreaterThanOrEqualTo(MAX_DELAY);
            assertThat(stranger[1]).as("from anywhere else unfamiliar: slowed").isGreaterThanOrEqualTo(MAX_DELAY);
            assertThat(accessLog(server, "127.0.0.31")).hasSize(2).noneMatch(l -> l.contains(" enforced="));
            assertThat(accessLog(server, "127.0.0.32")).last().matches(l -> l.contains(" enforced=throttle"));

            List<JsonNode> alerts = alerts(events(server, e -> alerts(e).size() >= 1));
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.get("detection").asText()).isEqualTo("brute_force");
                assertThat(a.get("offender").asText()).isEqualTo("account " + ALICE);
                assertThat(a.get("action").asText()).isEqualTo("throttle");
                assertThat(a.get("from").asText()).isEqualTo("127.0.0.32");
                assertThat(a.get("familiarAddresses").asInt()).isEqualTo(1);
                assertThat(a.get("spared").asText()).isEqualTo("familiar addresses");
                assertThat(a.get("summary").asText()).contains("throttled except from its 1 familiar address");
            });
        }
    }

    @Test
    void aTestSuitesWrongPasswordsForTheRootDnDoNotSlowItsRun() throws Exception {
        try (TestServer server =
                        TestServer.memory("detection: {}\nthrottle: {}\n").loadResource("sample.ldif");
                LDAPConnection suite = new LDAPConnection("127.0.0.1", server.port())) {
            assertThat(bind(suite, TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD))
                    .isEqualTo(ResultCode.SUCCESS); // set-up
            for (int round = 0;
                    round < 3;
                    round++) { // each error-handling test tries a few wrong passwords, then goes on
                for (int i = 0; i < 4; i++) {
                    assertThat(bind(suite, TestServer.ADMIN_DN, "wrong-" + i))
                            .isEqualTo(ResultCode.INVALID_CREDENTIALS);
                }
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    assertThat(bind(
                                    suite,
                                    i % 2 == 0 ? TestServer.ADMIN_DN : ALICE,
                                    i % 2 == 0 ? TestServer.ADMIN_PASSWORD : "alice-password"))
                            .isEqualTo(ResultCode.SUCCESS);
                    assertThat((System.nanoTime() - start) / 1_000_000)
                            .as("round %d bind %d", round, i)
                            .isLessThan(1000);
                }
            }
            // and guesses at the root DN from elsewhere (two from each of five addresses) slow nobody else's
            for (int i = 0; i < 10; i++) {
                assertThat(timedBind(server, "127.0.0." + (51 + i % 5), TestServer.ADMIN_DN, "guess")[0])
                        .isEqualTo(49);
            }
            assertThat(timedBind(server, "127.0.0.59", TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)[1])
                    .isLessThan(1000);
            assertThat(server.securityCounters().delayedBinds()).isZero();
            List<JsonNode> alerts = alerts(events(server, e -> alerts(e).size() >= 1));
            assertThat(alerts)
                    .singleElement()
                    .satisfies(
                            a -> { // the guesses from elsewhere are worth an alert, no more
                                assertThat(a.get("detection").asText()).isEqualTo("brute_force");
                                assertThat(a.get("action").asText()).isEqualTo("none");
                                assertThat(a.get("spared").asText()).isEqualTo("root DN");
                            });
            assertThat(Files.readAllLines(server.logDir().resolve("access.log")))
                    .noneMatch(l -> l.contains(" enforced="));
        }
    }

    @Test
    void aSprayAcrossAccountsIsStillBlocked() throws Exception {
        try (TestServer server =
                TestServer.memory("detection: {}\nthrottle: {}\n").loadResource("sample.ldif")) {
            try (LDAPConnection sprayer = connect(server, "127.0.0.62")) {
                for (int i = 0; i < 10; i++) {
                    assertThat(bind(sprayer, "uid=user" + i + ",ou=people,dc=example,dc=com", "Winter2025!"))
                            .isEqualTo(ResultCode.INVALID_CREDENTIALS);
                }
                assertThat(bind(sprayer, ALICE, "alice-password")).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
            }
            List<JsonNode> alerts = alerts(events(server, e -> alerts(e).size() >= 1));
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.get("detection").asText()).isEqualTo("password_spray");
                assertThat(a.get("offender").asText()).isEqualTo("address 127.0.0.62");
                assertThat(a.get("action").asText()).isEqualTo("block");
            });
        }
    }

    @Test
    void aPasswordChangeMakesTheOldHoldersStrangersAndSaslBindsMakeAddressesFamiliar() throws Exception {
        try (TestServer server = TestServer.memory(CONFIG).loadResource("sample.ldif");
                LDAPConnection admin = new LDAPConnection(
                        "127.0.0.1", server.port(), TestServer.ADMIN_DN, TestServer.ADMIN_PASSWORD)) {
            try (LDAPConnection c = connect(server, "127.0.0.71")) { // SASL PLAIN proves the password as well
                assertThat(c.bind(new PLAINBindRequest("dn:" + ALICE, "alice-password"))
                                .getResultCode())
                        .isEqualTo(ResultCode.SUCCESS);
                assertThat(bind(c, ALICE, "typo")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
            admin.modify(ALICE, new Modification(ModificationType.REPLACE, "userPassword", "N3w-passw0rd!"));
            try (LDAPConnection c = connect(server, "127.0.0.71")) {
                assertThat(bind(c, ALICE, "alice-password")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
            }
            List<JsonNode> failures = events(server, e -> e.size() >= 2).stream()
                    .filter(e -> e.get("event").asText().equals("bind_failure"))
                    .toList();
            assertThat(failures).hasSize(2);
            assertThat(failures.get(0).has("familiar")).as("the owner's typo").isTrue();
            assertThat(failures.get(1).has("familiar"))
                    .as("the old password, after the change")
                    .isFalse();
        }
    }
}
