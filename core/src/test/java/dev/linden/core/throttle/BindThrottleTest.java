package dev.linden.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.LdapException;
import dev.linden.protocol.ResultCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BindThrottleTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    // delay from 2 failures (account) or 3 (address), 20 ms doubling up to 80 ms; block the address at 6 for 10 s
    private static final ThrottleSettings SMALL = new ThrottleSettings(true, 60, 2, 3, 20, 80, 6, 10, 2, 30);

    private static final long DAY = 86_400_000L;

    private static BindThrottle throttle(ThrottleSettings settings, TestClock clock) {
        return new BindThrottle(settings, clock, new SecurityCounters(), new FamiliarAddresses(30 * DAY, clock));
    }

    private static long timeAdmit(BindThrottle t, String address, String account) throws LdapException {
        return timeAdmit(t, address, account, false);
    }

    private static long timeAdmit(BindThrottle t, String address, String account, boolean root) throws LdapException {
        long start = System.nanoTime();
        t.admit(address, account, root);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void delaysGrowPerFailureThenTheAddressIsBlocked() throws Exception {
        TestClock clock = new TestClock();
        SecurityCounters counters = new SecurityCounters();
        BindThrottle t = new BindThrottle(SMALL, clock, counters, new FamiliarAddresses(30 * DAY, clock));
        String a = "192.0.2.1:4000";
        assertThat(timeAdmit(t, a, "uid=x")).isLessThan(20);
        t.failed(a, "uid=x", false);
        assertThat(timeAdmit(t, a, "uid=x")).isLessThan(20);
        t.failed(a, "uid=x", false); // account: 2 failures
        assertThat(timeAdmit(t, a, "uid=x")).isGreaterThanOrEqualTo(20);
        assertThat(timeAdmit(t, "192.0.2.9:1", "uid=other"))
                .as("another address, another account")
                .isLessThan(20);
        t.failed(a, "uid=x", false);
        t.failed(a, "uid=x", false); // 4: account delay 20 << 2 = 80 (the cap)
        assertThat(timeAdmit(t, a, "uid=x")).isGreaterThanOrEqualTo(80);
        t.failed(a, "uid=y", false);
        t.failed(a, "uid=z", false); // 6 from the address: blocked
        assertThatThrownBy(() -> t.admit("192.0.2.1:5000", "uid=nobody", false))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                    assertThat(e.getMessage()).contains("too many failed binds from this address");
                });
        assertThat(counters.snapshot().blockedAddressesNow()).isEqualTo(1);
        assertThat(counters.snapshot().addressBlocks()).isEqualTo(1);
        assertThat(counters.snapshot().delayedBinds()).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofSeconds(11));
        assertThat(counters.snapshot().blockedAddressesNow()).isZero();
        t.failed(a, "uid=w", false); // the block ran out, the window did not: one more failure blocks again
        assertThat(counters.snapshot().blockedAddressesNow()).isEqualTo(1);
        assertThat(counters.snapshot().addressBlocks()).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofSeconds(60)); // the window has passed as well
        assertThat(timeAdmit(t, a, "uid=x")).isLessThan(20);
    }

    @Test
    void aSuccessClearsNeitherTheAccountNorTheAddress() throws Exception {
        BindThrottle t = throttle(SMALL, new TestClock());
        String a = "192.0.2.1:4000";
        t.failed(a, "uid=x", false);
        t.failed(a, "uid=x", false);
        t.failed(a, "uid=x", false);
        t.succeeded("203.0.113.5:1", "uid=x"); // the owner, elsewhere: says nothing about the guesses
        assertThat(timeAdmit(t, "198.51.100.7:1", "uid=x"))
                .as("still slowed from elsewhere")
                .isGreaterThanOrEqualTo(20);
        assertThat(timeAdmit(t, a, "uid=good")).as("the address still waits").isGreaterThanOrEqualTo(20);
        assertThat(timeAdmit(t, "203.0.113.5:2", "uid=x"))
                .as("but not the owner's own address")
                .isLessThan(20);
    }

    @Test
    void failuresFromElsewhereNeverSlowOrRefuseTheOwnersFamiliarAddress() throws Exception {
        TestClock clock = new TestClock();
        BindThrottle t = throttle(SMALL, clock);
        String owner = "203.0.113.5:1";
        String ownerV6 = "2001:db8:1:2:3:4:5:6:1";
        t.succeeded(owner, "uid=x");
        t.succeeded(ownerV6, "uid=x");
        for (int i = 0; i < 10; i++) { // the attacker's address is blocked, the account slowed for strangers
            t.failed("192.0.2.66:" + i, "uid=x", false);
        }
        assertThatThrownBy(() -> t.admit("192.0.2.66:99", "uid=x", false)).isInstanceOf(LdapException.class);
        assertThat(timeAdmit(t, "198.51.100.7:1", "uid=x"))
                .as("a stranger waits")
                .isGreaterThanOrEqualTo(80);
        assertThat(timeAdmit(t, owner, "uid=x")).as("the owner does not").isLessThan(20);
        assertThat(timeAdmit(t, "2001:db8:1:2:ffff::9:1", "uid=x"))
                .as("nor anywhere in the owner's /64")
                .isLessThan(20);

        // the owner's own typos count apart, with the address's thresholds, and a success clears them
        t.failed(owner, "uid=x", false);
        t.failed(owner, "uid=x", false);
        assertThat(timeAdmit(t, owner, "uid=x")).isLessThan(20);
        t.failed(owner, "uid=x", false);
        assertThat(timeAdmit(t, owner, "uid=x"))
                .as("guessing from the owner's place is slowed there")
                .isGreaterThanOrEqualTo(20);
        assertThat(timeAdmit(t, ownerV6, "uid=x")).as("only there").isLessThan(20);
        t.succeeded(owner, "uid=x");
        assertThat(timeAdmit(t, owner, "uid=x")).isLessThan(20);

        clock.now = clock.now.plus(Duration.ofDays(31)); // familiarity expires (and so did the failures)
        t.failed("192.0.2.67:1", "uid=x", false);
        t.failed("192.0.2.67:1", "uid=x", false);
        assertThat(timeAdmit(t, owner, "uid=x")).as("a stranger again").isGreaterThanOrEqualTo(20);
    }

    @Test
    void theRootDnHasNoAccountCount() throws Exception {
        BindThrottle t = throttle(SMALL, new TestClock());
        for (int i = 0; i < 5; i++) {
            t.failed("192.0.2." + i + ":1", "cn=admin", true); // one from each address: no address is slowed
        }
        assertThat(timeAdmit(t, "198.51.100.7:1", "cn=admin", true)).isLessThan(20);
        t.failed("192.0.2.1:1", "cn=admin", true);
        t.failed("192.0.2.1:1", "cn=admin", true);
        assertThat(timeAdmit(t, "192.0.2.1:1", "cn=admin", true))
                .as("slowed where it comes from")
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void tooManyWaitingBindsAreAnsweredBusy() throws Exception {
        ThrottleSettings oneAtATime = new ThrottleSettings(true, 60, 1, 0, 300, 300, 0, 0, 1, 30);
        BindThrottle t = throttle(oneAtATime, new TestClock());
        t.failed("192.0.2.1:1", "uid=x", false);
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                t.admit("192.0.2.1:1", "uid=x", false);
            } catch (LdapException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(100);
        assertThatThrownBy(() -> t.admit("192.0.2.2:1", "uid=x", false))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.BUSY));
        waiting.join();
    }

    @Test
    void disabledDoesNothing() throws Exception {
        BindThrottle t = throttle(ThrottleSettings.DISABLED, new TestClock());
        for (int i = 0; i < 200; i++) {
            t.failed("192.0.2.1:1", "uid=x", false);
        }
        assertThat(timeAdmit(t, "192.0.2.1:1", "uid=x")).isLessThan(20);
    }

    @Test
    void addressKeys() {
        assertThat(BindThrottle.addressKey("192.0.2.1:4000")).isEqualTo("192.0.2.1");
        assertThat(BindThrottle.addressKey("2001:db8:1:2:3:4:5:6:4000")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(BindThrottle.addressKey("2001:db8:1:2:ffff:4:5:6:4001")).isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(BindThrottle.addressKey("0:0:0:0:0:0:0:1%lo:389")).isEqualTo("0000:0000:0000:0000::/64");
        assertThat(BindThrottle.addressKey("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
