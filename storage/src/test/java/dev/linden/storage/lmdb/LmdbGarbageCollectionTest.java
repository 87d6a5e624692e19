package dev.linden.storage.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.storage.Tree;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and values cross into LMDB through native memory that the garbage collector frees once
 * nothing refers to it: a collection during a put or a get must not free it under LMDB. lmdbjava
 * before 0.9.2 let it (lmdbjava issue 252), which wrote corrupt records or crashed the JVM in
 * mdb_put, more often the smaller the heap. Here another thread collects without pause while
 * entries are written and read back.
 */
class LmdbGarbageCollectionTest {
    @Test
    void keysAndValuesSurviveCollectionsDuringPutsAndGets(@TempDir Path dir) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread collector = Thread.ofPlatform().daemon().start(() -> {
            while (!stop.get()) {
                System.gc();
            }
        });
        try (LmdbStorage storage = new LmdbStorage(dir, 256L << 20)) {
            Tree tree = storage.tree("t");
            int n = 6_000;
            for (int batch = 0; batch < n; batch += 500) {
                int from = batch;
                storage.write(tx -> {
                    for (int i = from; i < from + 500; i++) {
                        tx.put(tree, key(i), value(i));
                    }
                    return null;
                });
            }
            int wrong = storage.read(tx -> {
                int bad = 0;
                for (int i = 0; i < n; i++) {
                    if (!Arrays.equals(tx.get(tree, key(i)), value(i))) {
                        bad++;
                    }
                }
                return bad;
            });
            assertThat(wrong)
                    .as("entries read back differently from what was written")
                    .isZero();
        } finally {
            stop.set(true);
            collector.join();
        }
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] value(int i) {
        ByteBuffer b = ByteBuffer.allocate(64 + i % 200);
        while (b.hasRemaining()) {
            b.put((byte) (i * 31 + b.position()));
        }
        return b.array();
    }
}
