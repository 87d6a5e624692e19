package dev.linden.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CsnClockTest {
    private static final long T = Instant.parse("2026-12-06T12:00:00Z").getEpochSecond() * 1_000_000L;

    @Test
    void aClockThatGoesBackwardsNeverTakesCsnsWithIt() {
        AtomicLong wall = new AtomicLong(T + 1000);
        CsnClock clock = new CsnClock(7, wall::get);
        Csn first = clock.next();
        assertThat(first).isEqualTo(Csn.of(T + 1000, 0, 7, 0));
        wall.set(T + 1000);
        Csn sameMicrosecond = clock.next();
        wall.set(T + 999);
        Csn afterStepBack = clock.next();
        wall.set(T + 500);
        Csn furtherBack = clock.next();
        wall.set(T + 2000);
        Csn caughtUp = clock.next();
        assertThat(List.of(sameMicrosecond, afterStepBack, furtherBack, caughtUp))
                .containsExactly(
                        Csn.of(T + 1000, 1, 7, 0),
                        Csn.of(T + 1000, 2, 7, 0),
                        Csn.of(T + 1000, 3, 7, 0),
                        Csn.of(T + 2000, 0, 7, 0));
        assertThat(List.of(first, sameMicrosecond, afterStepBack, furtherBack, caughtUp))
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void anExhaustedCountMovesTimeOnByOneMicrosecond() {
        AtomicLong wall = new AtomicLong(T);
        CsnClock clock = new CsnClock(1, wall::get);
        clock.observe(Csn.of(T, Csn.MAX_COUNT - 1, 1, 0));
        assertThat(clock.next()).isEqualTo(Csn.of(T, Csn.MAX_COUNT, 1, 0));
        assertThat(clock.next()).isEqualTo(Csn.of(T + 1, 0, 1, 0));
        assertThat(clock.next()).isEqualTo(Csn.of(T + 1, 1, 1, 0));
    }

    @Test
    void observingACsnFromAServerAheadMovesTheClockPastIt() {
        AtomicLong wall = new AtomicLong(T);
        CsnClock clock = new CsnClock(1, wall::get);
        Csn remote = Csn.of(T + 5_000_000, 7, 3, 0); // a peer 5 s ahead
        clock.observe(remote);
        Csn next = clock.next();
        assertThat(next).isGreaterThan(remote).isEqualTo(Csn.of(T + 5_000_000, 8, 1, 0));
        assertThat(clock.aheadOfWallClock()).isEqualTo(5_000_000);
        wall.set(T + 6_000_000);
        assertThat(clock.next()).isEqualTo(Csn.of(T + 6_000_000, 0, 1, 0));
        assertThat(clock.aheadOfWallClock()).isZero();
    }

    @Test
    void observingAnOlderCsnChangesNothing() {
        AtomicLong wall = new AtomicLong(T);
        CsnClock clock = new CsnClock(2, wall::get);
        Csn mine = clock.next();
        clock.observe(Csn.of(T - 10, 99, 1, 0));
        clock.observe(Csn.of(T, 0, 1, 5)); // same time and count, other server: ours still sorts above after next
        Csn next = clock.next();
        assertThat(next).isEqualTo(Csn.of(T, 1, 2, 0)).isGreaterThan(mine);
    }

    @Test
    void aCsnOfTheSameMicrosecondAndCountFromAHigherServerIdIsStillPassed() {
        AtomicLong wall = new AtomicLong(T);
        CsnClock clock = new CsnClock(1, wall::get);
        clock.next(); // (T, 0, 001)
        Csn remote = Csn.of(T, 0, 0xFFF, Csn.MAX_MOD); // sorts above ours
        clock.observe(remote);
        assertThat(clock.next()).isGreaterThan(remote);
    }

    @Test
    void readsAJavaClockToTheMicrosecond() {
        Instant at = Instant.parse("2026-12-06T12:48:07.170433999Z");
        CsnClock clock = new CsnClock(1, Clock.fixed(at, ZoneOffset.UTC));
        assertThat(clock.next().toString()).isEqualTo("20261206124807.170433Z#000000#001#000000");
        assertThat(clock.next().toString()).isEqualTo("20261206124807.170433Z#000001#001#000000");
        assertThat(CsnClock.system(5).next().sid()).isEqualTo(5);
    }

    @Test
    void refusesServerIdsSlapdRefuses() {
        assertThatThrownBy(() -> new CsnClock(0x1000, () -> T)).hasMessageContaining("server ID 4096");
        assertThatThrownBy(() -> new CsnClock(-1, () -> T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysSoInsteadOfWritingAYearPast9999() {
        CsnClock clock = new CsnClock(1, () -> Csn.MAX_MICROS);
        clock.observe(Csn.of(Csn.MAX_MICROS, Csn.MAX_COUNT, 1, 0));
        assertThatThrownBy(clock::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("9999");
    }

    /**
     * Many threads issue CSNs while others observe CSNs from a peer slightly ahead, over a wall clock
     * that jitters backwards: every CSN is unique, each thread sees its own rise strictly, and a CSN
     * issued after an observation is above what was observed.
     */
    @Test
    void concurrentUseIssuesUniqueRisingCsns() throws Exception {
        AtomicLong base = new AtomicLong(T);
        CsnClock clock = new CsnClock(
                4, () -> base.addAndGet(1) - ThreadLocalRandom.current().nextLong(50));
        int threads = 6;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Csn>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean observer = t % 2 == 0;
                Callable<List<Csn>> task = () -> {
                    List<Csn> issued = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        if (observer && i % 10 == 0) {
                            Csn remote = Csn.of(
                                    base.get() + 20, ThreadLocalRandom.current().nextInt(Csn.MAX_COUNT), 9, 0);
                            clock.observe(remote);
                            Csn next = clock.next();
                            if (next.compareTo(remote) <= 0) {
                                throw new AssertionError(next + " issued after observing " + remote);
                            }
                            issued.add(next);
                        } else {
                            issued.add(clock.next());
                        }
                    }
                    return issued;
                };
                results.add(pool.submit(task));
            }
            Set<Csn> all = new HashSet<>();
            for (Future<List<Csn>> f : results) {
                List<Csn> issued = f.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < issued.size(); i++) {
                    assertThat(issued.get(i)).isGreaterThan(issued.get(i - 1));
                }
                assertThat(issued).allMatch(c -> c.sid() == 4 && c.mod() == 0);
                all.addAll(issued);
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
