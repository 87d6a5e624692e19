package dev.linden.observability.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingCounterTest {
    @Test
    void countsWithinTheWindowAndForgetsAfterIt() {
        SlidingCounter c = new SlidingCounter(10_000); // ten buckets of one second
        long t = 1_000_000;
        assertThat(c.add(t, 3)).isEqualTo(3);
        assertThat(c.add(t + 4_000, 2)).isEqualTo(5);
        assertThat(c.sum(t + 9_000)).isEqualTo(5);
        assertThat(c.sum(t + 10_500)).as("the first bucket left the window").isEqualTo(2);
        assertThat(c.sum(t + 14_500)).isZero();
        assertThat(c.add(t + 20_000, 1))
                .as("an old turn of the ring is reset, not added to")
                .isEqualTo(1);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        SlidingCounter c = new SlidingCounter(1000);
        c.add(5000, 1L << 30);
        assertThat(c.sum(5000)).isEqualTo((1L << 24) - 1);
    }

    @Test
    void concurrentAddsAreAllCounted() throws Exception {
        SlidingCounter c = new SlidingCounter(3_600_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long now = System.currentTimeMillis();
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 50_000; i++) {
                    c.add(now, 1);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(c.sum(now)).isEqualTo(200_000);
    }
}
