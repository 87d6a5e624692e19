package dev.linden.storage.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.storage.Tree;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes and reads under constant garbage collection. lmdbjava's byte-array proxy handed LMDB native
 * memory that a collection could free before mdb_put was done with it, which crashed the JVM with
 * SIGSEGV now and then under load; with buffers the store keeps alive through each call, this runs
 * clean (a crash here fails the build as a crashed test JVM).
 */
class LmdbGcStressTest {
    @Test
    void putsAndGetsSurviveCollectionsInTheMiddleOfCalls(@TempDir Path dir) throws Exception {
        try (LmdbStorage storage = new LmdbStorage(dir, 256L << 20)) {
            Tree tree = storage.tree("stress");
            AtomicBoolean running = new AtomicBoolean(true);
            Thread churn = new Thread(() -> {
                while (running.get()) {
                    byte[][] garbage = new byte[256][];
                    for (int i = 0; i < garbage.length; i++) {
                        garbage[i] = new byte[1024];
                    }
                    System.gc();
                }
            });
            churn.start();
            try {
                for (int batch = 0; batch < 20; batch++) {
                    int b = batch;
                    storage.write(tx -> {
                        for (int i = 0; i < 2000; i++) {
                            byte[] key = ("k" + b + "-" + i).getBytes();
                            tx.put(tree, key, new byte[100 + (i % 900)]);
                        }
                        return null;
                    });
                }
                int found = storage.read(tx -> {
                    int n = 0;
                    for (int i = 0; i < 2000; i++) {
                        if (tx.get(tree, ("k19-" + i).getBytes()) != null) {
                            n++;
                        }
                    }
                    return n;
                });
                assertThat(found).isEqualTo(2000);
            } finally {
                running.set(false);
                churn.join();
            }
        }
    }
}
