package dev.linden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void aWaitingOperationLendsItsThreadToTheNextRequest() throws Exception {
        WorkerPool pool = new WorkerPool(1);
        try {
            CountDownLatch clientReads = new CountDownLatch(1);
            CountDownLatch waiting = new CountDownLatch(1);
            pool.execute(
                    () -> { // the only thread, waiting for a client that does not read
                        pool.lend();
                        waiting.countDown();
                        try {
                            clientReads.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            pool.giveBack();
                        }
                    });
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
            CountDownLatch served = new CountDownLatch(1);
            pool.execute(served::countDown);
            assertThat(served.await(5, TimeUnit.SECONDS))
                    .as("another request is served meanwhile")
                    .isTrue();
            assertThat(pool.lent()).isEqualTo(1);
            clientReads.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (pool.lent() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(pool.lent()).isZero();
            assertThat(pool.getCorePoolSize()).as("back to its size").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutLendingTheSecondRequestWaits() throws Exception {
        WorkerPool pool = new WorkerPool(1);
        try {
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CountDownLatch served = new CountDownLatch(1);
            pool.execute(served::countDown);
            assertThat(served.await(300, TimeUnit.MILLISECONDS)).isFalse();
            release.countDown();
            assertThat(served.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
