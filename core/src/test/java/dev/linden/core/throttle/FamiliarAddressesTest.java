package dev.linden.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Familiar addresses: learnt, matched by IPv4 address or IPv6 /64, expiring, forgotten, bounded. */
class FamiliarAddressesTest {
    private static final long DAY = 86_400_000L;

    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    @Test
    void anAddressIsFamiliarForTheAccountItBoundToUntilItExpires() {
        FamiliarAddresses f = new FamiliarAddresses(30 * DAY, clock);
        f.learn("uid=x", "192.0.2.1:4000");
        assertThat(f.isFamiliar("uid=x", "192.0.2.1:5000")).as("any port").isTrue();
        assertThat(f.isFamiliar("uid=x", "192.0.2.2:4000")).isFalse();
        assertThat(f.isFamiliar("uid=y", "192.0.2.1:4000"))
                .as("for that account only")
                .isFalse();
        assertThat(f.isFamiliar(null, "192.0.2.1:4000")).isFalse();
        clock.now = clock.now.plus(Duration.ofDays(29));
        assertThat(f.isFamiliar("uid=x", "192.0.2.1:1")).isTrue();
        f.learn("uid=x", "192.0.2.1:2"); // a bind from there keeps it familiar
        clock.now = clock.now.plus(Duration.ofDays(29));
        assertThat(f.isFamiliar("uid=x", "192.0.2.1:1")).isTrue();
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(f.isFamiliar("uid=x", "192.0.2.1:1")).isFalse();
        f.expire();
        assertThat(f.size()).isZero();
    }

    @Test
    void ipv6ClientsAreKnownByTheirSlash64() {
        FamiliarAddresses f = new FamiliarAddresses(DAY, clock);
        f.learn("uid=x", "2001:db8:1:2:aaaa:bbbb:cccc:dddd:4000");
        assertThat(f.isFamiliar("uid=x", "2001:db8:1:2:1:2:3:4:1")).isTrue();
        assertThat(f.isFamiliar("uid=x", "2001:db8:1:3:aaaa:bbbb:cccc:dddd:1")).isFalse();
        // an IPv4 address never meets an IPv6 /64 with the same low bits
        assertThat(FamiliarAddresses.key("0:0:0:0:c000:0201:0:1:1")).isNotEqualTo(FamiliarAddresses.key("192.0.2.1:1"));
        assertThat(FamiliarAddresses.key("192.0.2.1:1")).isEqualTo(0xFFFF_FFFF_C000_0201L);
    }

    @Test
    void aPasswordChangeMakesEveryAddressAStrangerAgain() {
        FamiliarAddresses f = new FamiliarAddresses(DAY, clock);
        f.learn("uid=x", "192.0.2.1:1");
        f.learn("uid=x", "192.0.2.2:1");
        assertThat(f.count("uid=x")).isEqualTo(2);
        f.forget("uid=x");
        assertThat(f.isFamiliar("uid=x", "192.0.2.1:1")).isFalse();
        assertThat(f.count("uid=x")).isZero();
    }

    @Test
    void zeroDaysMeansNothingIsEverFamiliar() {
        FamiliarAddresses f = new FamiliarAddresses(0, clock);
        f.learn("uid=x", "192.0.2.1:1");
        assertThat(f.isFamiliar("uid=x", "192.0.2.1:1")).isFalse();
        assertThat(f.size()).isZero();
    }

    @Test
    void perAccountTheLeastRecentlyUsedAddressMakesRoom() {
        FamiliarAddresses f = new FamiliarAddresses(DAY, clock);
        for (int i = 0; i < FamiliarAddresses.PER_ACCOUNT; i++) {
            f.learn("uid=x", "10.0.0." + i + ":1");
            clock.now = clock.now.plusSeconds(1);
        }
        f.learn("uid=x", "10.0.0.0:1"); // used again: now the most recent
        clock.now = clock.now.plusSeconds(1);
        f.learn("uid=x", "10.0.1.0:1");
        assertThat(f.count("uid=x")).isEqualTo(FamiliarAddresses.PER_ACCOUNT);
        assertThat(f.isFamiliar("uid=x", "10.0.0.0:1")).isTrue();
        assertThat(f.isFamiliar("uid=x", "10.0.0.1:1"))
                .as("the least recent, gone")
                .isFalse();
        assertThat(f.isFamiliar("uid=x", "10.0.1.0:1")).isTrue();
    }

    @Test
    void theTableIsBoundedAndForgetsTheStalestAccountsFirst() {
        FamiliarAddresses f = new FamiliarAddresses(DAY, 1000, clock);
        for (int i = 0; i < 5000; i++) {
            f.learn("uid=u" + i, "192.0.2.1:1");
            clock.now = clock.now.plusMillis(1);
            assertThat(f.size()).isLessThanOrEqualTo(1000);
        }
        assertThat(f.isFamiliar("uid=u4999", "192.0.2.1:1")).isTrue();
        assertThat(f.isFamiliar("uid=u0", "192.0.2.1:1")).isFalse();
    }
}
