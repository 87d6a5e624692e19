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
    private static final ThrottleSettings SMALL = new ThrottleSettings(true, 60, 2, 3, 20, 80, 6, 10, 2);

    private static long timeAdmit(BindThrottle t, String address, String account) throws LdapException {
        long start = System.nanoTime();
        t.admit(address, account);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void delaysGrowPerFailureThenTheAddressIsBlocked() throws Exception {
        TestClock clock = new TestClock();
        SecurityCounters counters = new SecurityCounters();
        BindThrottle t = new BindThrottle(SMALL, clock, counters);
        String a = "192.0.2.1:4000";
        assertThat(timeAdmit(t, a, "uid=x")).isLessThan(20);
        t.failed(a, "uid=x");
        assertThat(timeAdmit(t, a, "uid=x")).isLessThan(20);
        t.failed(a, "uid=x"); // account: 2 failures
        assertThat(timeAdmit(t, a, "uid=x")).isGreaterThanOrEqualTo(20);
        assertThat(timeAdmit(t, "192.0.2.9:1", "uid=other")).as("another address, another account").isLessThan(20);
        t.failed(a, "uid=x");
        t.failed(a, "uid=x"); // 4: account delay 20 << 2 = 80 (the cap)
        assertThat(timeAdmit(t, a, "uid=x")).isGreaterThanOrEqualTo(80);
        t.failed(a, "uid=y");
        t.failed(a, "uid=z"); // 6 from the address: blocked
        assertThatThrownBy(() -> t.admit("192.0.2.1:5000", "uid=nobody"))
                .isInstanceOfSatisfying(LdapException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
                    assertThat(e.getMessage()).contains("too many failed binds from this address");
                });
        assertThat(counters.snapshot().blockedAddressesNow()).isEqualTo(1);
        assertThat(counters.snapshot().addressBlocks()).isEqualTo(1);
        assertThat(counters.snapshot().delayedBinds()).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofSeconds(11));
        assertThat(counters.snapshot().blockedAddressesNow()).isZero();
        t.failed(a, "uid=w"); // the block ran out, the window did not: one more failure blocks again
        assertThat(counters.snapshot().blockedAddressesNow()).isEqualTo(1);
        assertThat(counters.snapshot().addressBlocks()).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofSeconds(60)); // the window has passed as well
        assertThat(timeAdmit(t, a, "uid=x")).isLessThan(20);
    }

    @Test
    void aSuccessClearsTheAccountButNotTheAddress() throws Exception {
        BindThrottle t = new BindThrottle(SMALL, new TestClock(), new SecurityCounters());
        String a = "192.0.2.1:4000";
        t.failed(a, "uid=x");
        t.failed(a, "uid=x");
        t.failed(a, "uid=x");
        t.succeeded("uid=x");
        assertThat(timeAdmit(t, "198.51.100.7:1", "uid=x")).as("account cleared").isLessThan(20);
        assertThat(timeAdmit(t, a, "uid=good")).as("the address still waits").isGreaterThanOrEqualTo(20);
    }

    @Test
    void tooManyWaitingBindsAreAnsweredBusy() throws Exception {
        ThrottleSettings oneAtATime = new ThrottleSettings(true, 60, 1, 0, 300, 300, 0, 0, 1);
        BindThrottle t = new BindThrottle(oneAtATime, new TestClock(), new SecurityCounters());
        t.failed("192.0.2.1:1", "uid=x");
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                t.admit("192.0.2.1:1", "uid=x");
            } catch (LdapException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(100);
        assertThatThrownBy(() -> t.admit("192.0.2.2:1", "uid=x"))
                .isInstanceOfSatisfying(LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.BUSY));
        waiting.join();
    }

    @Test
    void disabledDoesNothing() throws Exception {
        BindThrottle t = new BindThrottle(ThrottleSettings.DISABLED, new TestClock(), new SecurityCounters());
        for (int i = 0; i < 200; i++) {
            t.failed("192.0.2.1:1", "uid=x");
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
