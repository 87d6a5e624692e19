package dev.linden.storage.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.storage.StorageException;
import dev.linden.storage.Tree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing never unmaps the store under a thread still in LMDB (that crashes the JVM with SIGSEGV):
 * it waits for a read transaction in progress, and refuses reads that start after it began.
 */
class LmdbCloseTest {
    @Test
    void closeWaitsForAReadInProgressAndRefusesLaterOnes(@TempDir Path dir) throws Exception {
        LmdbStorage storage = new LmdbStorage(dir, 16L << 20);
        Tree tree = storage.tree("t");
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        storage.write(tx -> {
            tx.put(tree, key, "v".getBytes(StandardCharsets.UTF_8));
            return null;
        });
        CountDownLatch inside = new CountDownLatch(1);
        AtomicReference<String> read = new AtomicReference<>();
        Thread reader = new Thread(() -> read.set(storage.read(tx -> {
            inside.countDown();
            try {
                Thread.sleep(300); // closing starts meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new String(tx.get(tree, key), StandardCharsets.UTF_8); // would crash if the map were gone
        })));
        reader.start();
        inside.await();
        long start = System.nanoTime();
        storage.close();
        long waited = (System.nanoTime() - start) / 1_000_000;
        reader.join();
        assertThat(read.get()).isEqualTo("v");
        assertThat(waited).as("close waited for the reader").isGreaterThanOrEqualTo(200);
        assertThatThrownBy(() -> storage.read(tx -> tx.get(tree, key)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }
}
