package dev.linden.storage.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.storage.Tree;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read transactions are kept reset between reads and renewed by the next one, on any thread: a
 * renewed transaction must see what was committed since, one in use must not be handed to another
 * reader, and closing must end the kept ones (a reader slot each: 1,024 in all).
 */
class LmdbReaderReuseTest {
    static byte[] bytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long number(byte[] b) {
        return ByteBuffer.wrap(b).getLong();
    }

    @Test
    void aRenewedReadSeesEveryCommitBeforeItAndNothingAfter(@TempDir Path dir) throws Exception {
        try (LmdbStorage storage = new LmdbStorage(dir, 16L << 20)) {
            Tree tree = storage.tree("t");
            byte[] key = {1};
            for (long v = 0; v < 200; v++) {
                long value = v;
                storage.write(tx -> {
                    tx.put(tree, key, bytes(value));
                    return null;
                });
                assertThat(number(storage.read(tx -> tx.get(tree, key)))).isEqualTo(v);
            }
            // a read in progress keeps its snapshot while a write commits (it is not the kept one)
            long seen = storage.read(tx -> {
                storage.write(w -> {
                    w.put(tree, key, bytes(1000));
                    return null;
                });
                return number(tx.get(tree, key));
            });
            assertThat(seen).isEqualTo(199);
            assertThat(number(storage.read(tx -> tx.get(tree, key)))).isEqualTo(1000);
        }
    }

    @Test
    void readersOnManyThreadsEachHaveTheirOwnTransaction(@TempDir Path dir) throws Exception {
        try (LmdbStorage storage = new LmdbStorage(dir, 16L << 20)) {
            Tree tree = storage.tree("t");
            storage.write(tx -> {
                for (int i = 0; i < 100; i++) {
                    tx.put(tree, new byte[] {(byte) i}, bytes(i));
                }
                return null;
            });
            int threads = 2 * LmdbStorage.IDLE_READERS + 8; // more at once than are kept
            CountDownLatch all = new CountDownLatch(threads);
            AtomicInteger wrong = new AtomicInteger();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        storage.read(
                                tx -> { // all in a read at once, then many short reads each
                                    all.countDown();
                                    all.await();
                                    return null;
                                });
                        for (int n = 0; n < 2_000; n++) {
                            int i = n % 100;
                            long v = storage.read(tx -> number(tx.get(tree, new byte[] {(byte) i})));
                            if (v != i) {
                                wrong.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(wrong).hasValue(0);
        }
    }

    @Test
    void aReadThatFailsDoesNotLeaveItsTransactionForTheNext(@TempDir Path dir) throws Exception {
        try (LmdbStorage storage = new LmdbStorage(dir, 16L << 20)) {
            Tree tree = storage.tree("t");
            assertThatThrownBy(() -> storage.read(tx -> {
                        throw new IllegalStateException("the caller's own failure");
                    }))
                    .hasMessageContaining("own failure");
            storage.write(tx -> {
                tx.put(tree, new byte[] {7}, bytes(7));
                return null;
            });
            assertThat(number(storage.read(tx -> tx.get(tree, new byte[] {7})))).isEqualTo(7);
        }
        // closed with transactions kept: the store opens again and reads
        try (LmdbStorage again = new LmdbStorage(dir, 16L << 20)) {
            Tree tree = again.tree("t");
            assertThat(number(again.read(tx -> tx.get(tree, new byte[] {7})))).isEqualTo(7);
        }
    }
}
