package dev.linden.observability.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackerTest {
    static final class State extends Tracker.State {}

    @Test
    void manyKeysNeverGrowTheTablePastItsBound() {
        Tracker<State> t = new Tracker<>(1000, 300_000, k -> new State());
        long now = 1_000_000;
        for (int i = 0; i < 100_000; i++) { // an attacker with a hundred thousand addresses, all fresh
            t.get("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), now + i);
            assertThat(t.size()).isLessThanOrEqualTo(1000);
        }
        assertThat(t.evicted()).isGreaterThan(98_000);
        // the most recent keys are the ones kept
        assertThat(t.peek("10.1.134.159")).isNotNull(); // i = 99,999
        assertThat(t.peek("10.0.0.1")).isNull();
    }

    @Test
    void idleKeysExpire() {
        Tracker<State> t = new Tracker<>(1000, 60_000, k -> new State());
        t.get("a", 0);
        t.get("b", 50_000);
        t.expire(70_000);
        assertThat(t.peek("a")).isNull();
        assertThat(t.peek("b")).isNotNull();
    }
}
