package dev.linden.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.storage.lmdb.LmdbStorage;
import dev.linden.storage.memory.MemoryStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Storage contract, run against both implementations: the in-memory twin must behave like LMDB. */
class StorageContractTest {
    private static final long MAP_SIZE = 64L << 20;

    enum Kind {
        MEMORY(dir -> new MemoryStorage()),
        LMDB(dir -> new LmdbStorage(dir, MAP_SIZE));

        final Function<Path, Storage> factory;

        Kind(Function<Path, Storage> factory) {
            this.factory = factory;
        }
    }

    @TempDir
    Path dir;

    private final List<Storage> opened = new ArrayList<>();

    private Storage open(Kind kind) {
        Storage s = kind.factory.apply(dir);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Storage::close);
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String s(byte[] b) {
        return b == null ? null : new String(b, UTF_8);
    }

    /** Every key and value of a tree, in cursor order, from {@code from}. */
    private static List<String> scan(Storage storage, Tree tree, byte[] from) {
        return storage.read(tx -> {
            List<String> out = new ArrayList<>();
            try (Cursor c = tx.cursor(tree, from)) {
                while (c.next()) {
                    out.add(s(c.key()) + "=" + s(c.value()));
                }
            }
            return out;
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void putGetDelete(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");

        storage.write(tx -> {
            tx.put(tree, b("a"), b("1"));
            tx.put(tree, b("b"), b("2"));
            return null;
        });
        assertThat(s(get(storage, tree, b("a")))).isEqualTo("1");
        assertThat(s(get(storage, tree, b("b")))).isEqualTo("2");
        assertThat(get(storage, tree, b("c"))).isNull();

        storage.write(tx -> {
            tx.put(tree, b("a"), b("one")); // overwrite
            return null;
        });
        assertThat(s(get(storage, tree, b("a")))).isEqualTo("one");

        boolean[] deleted = storage.write(tx -> new boolean[] {tx.delete(tree, b("a")), tx.delete(tree, b("zzz"))});
        assertThat(deleted).containsExactly(true, false);
        assertThat(get(storage, tree, b("a"))).isNull();
        assertThat(scan(storage, tree, new byte[0])).containsExactly("b=2");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void emptyValuesAndBinaryKeys(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        byte[] key = bytes(0, 0xFF, 0, 0x80);

        storage.write(tx -> {
            tx.put(tree, key, new byte[0]);
            return null;
        });
        assertThat(get(storage, tree, key)).isEmpty();
        assertThat(get(storage, tree, bytes(0, 0xFF, 0))).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void treesAreSeparate(Kind kind) {
        Storage storage = open(kind);
        Tree one = storage.tree("one");
        Tree two = storage.tree("two");

        storage.write(tx -> {
            tx.put(one, b("k"), b("in one"));
            tx.put(two, b("k"), b("in two"));
            return null;
        });
        assertThat(s(get(storage, one, b("k")))).isEqualTo("in one");
        assertThat(s(get(storage, two, b("k")))).isEqualTo("in two");
        assertThat(storage.tree("one").name()).isEqualTo("one");
        assertThat(s(get(storage, storage.tree("one"), b("k")))).isEqualTo("in one");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cursorWalksInUnsignedByteOrderFromAKey(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        List<byte[]> keys = List.of(
                bytes(0x80),
                bytes(0x7F),
                bytes(0xFF),
                bytes(0x01),
                bytes(0x7F, 0x00),
                bytes(0x80, 0x01),
                bytes(0x00, 0x01),
                bytes(0xC3, 0xA5));
        storage.write(tx -> {
            for (byte[] k : keys) {
                tx.put(tree, k, k);
            }
            return null;
        });

        List<String> all = walk(storage, tree, new byte[0]);
        assertThat(all).containsExactly("0001", "01", "7f", "7f00", "80", "8001", "c3a5", "ff");

        // from a key that exists, and from one that falls between keys
        assertThat(walk(storage, tree, bytes(0x7F, 0x00))).containsExactly("7f00", "80", "8001", "c3a5", "ff");
        assertThat(walk(storage, tree, bytes(0x7F, 0x01))).containsExactly("80", "8001", "c3a5", "ff");
        assertThat(walk(storage, tree, bytes(0x81))).containsExactly("c3a5", "ff");
        assertThat(walk(storage, tree, bytes(0xFF, 0x00))).isEmpty();
    }

    private static byte[] get(Storage storage, Tree tree, byte[] key) {
        return storage.read(tx -> tx.get(tree, key));
    }

    private static List<String> walk(Storage storage, Tree tree, byte[] from) {
        return storage.read(tx -> walk(tx, tree, from));
    }

    private static List<String> walk(ReadTx tx, Tree tree, byte[] from) {
        List<String> out = new ArrayList<>();
        try (Cursor c = tx.cursor(tree, from)) {
            while (c.next()) {
                assertThat(c.value()).isEqualTo(c.key());
                out.add(java.util.HexFormat.of().formatHex(c.key()));
            }
            assertThat(c.next()).isFalse(); // stays at the end
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cursorOnAnEmptyTree(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("empty");

        assertThat(scan(storage, tree, new byte[0])).isEmpty();
        assertThat(scan(storage, tree, b("x"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWriteThatThrowsLeavesNothingBehind(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        Tree other = storage.tree("other");
        storage.write(tx -> {
            tx.put(tree, b("keep"), b("old"));
            tx.put(tree, b("gone"), b("still here"));
            return null;
        });

        assertThatThrownBy(() -> storage.write(tx -> {
                    tx.put(tree, b("new"), b("1"));
                    tx.put(tree, b("keep"), b("changed"));
                    tx.put(tree, b("keep"), b("changed twice"));
                    tx.delete(tree, b("gone"));
                    tx.put(other, b("x"), b("y"));
                    // the transaction sees its own writes
                    assertThat(s(tx.get(tree, b("keep")))).isEqualTo("changed twice");
                    assertThat(tx.get(tree, b("gone"))).isNull();
                    throw new Exception("abort");
                }))
                .hasMessage("abort");

        assertThat(scan(storage, tree, new byte[0])).containsExactly("gone=still here", "keep=old");
        assertThat(scan(storage, other, new byte[0])).isEmpty();

        // and the storage still takes writes afterwards
        storage.write(tx -> {
            tx.put(tree, b("after"), b("ok"));
            return null;
        });
        assertThat(scan(storage, tree, new byte[0])).containsExactly("after=ok", "gone=still here", "keep=old");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRuntimeFailureRollsBackToo(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");

        assertThatThrownBy(() -> storage.write(tx -> {
                    tx.put(tree, b("a"), b("1"));
                    tx.put(tree, new byte[Storage.MAX_KEY_LENGTH + 1], b("too long")); // throws StorageException
                    return null;
                }))
                .isInstanceOf(StorageException.class);

        assertThat(get(storage, tree, b("a"))).isNull();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void writeReturnsTheWorkResult(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");

        String result = storage.write(tx -> {
            tx.put(tree, b("k"), b("v"));
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(s(get(storage, tree, b("k")))).isEqualTo("v");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void keysOverTheLimitAreRefused(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        byte[] longest = new byte[Storage.MAX_KEY_LENGTH];
        java.util.Arrays.fill(longest, (byte) 'k');
        byte[] tooLong = new byte[Storage.MAX_KEY_LENGTH + 1];
        java.util.Arrays.fill(tooLong, (byte) 'k');

        storage.write(tx -> {
            tx.put(tree, longest, b("fits"));
            return null;
        });
        assertThat(s(get(storage, tree, longest))).isEqualTo("fits");

        assertThatThrownBy(() -> storage.write(tx -> {
                    tx.put(tree, tooLong, b("no"));
                    return null;
                }))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.write(tx -> {
                    tx.put(tree, new byte[0], b("no"));
                    return null;
                }))
                .isInstanceOf(StorageException.class);
        // reading or deleting such a key finds nothing rather than failing
        assertThat(get(storage, tree, tooLong)).isNull();
        boolean deleted = storage.write(tx -> tx.delete(tree, tooLong));
        assertThat(deleted).isFalse();
        assertThat(scan(storage, tree, new byte[0])).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsReturnCopies(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        byte[] key = b("k");
        byte[] value = b("value");
        storage.write(tx -> {
            tx.put(tree, key, value);
            return null;
        });
        key[0] = 'x';
        value[0] = 'X';

        byte[] read = get(storage, tree, b("k"));
        assertThat(s(read)).isEqualTo("value");
        read[0] = 'Y';
        assertThat(s(get(storage, tree, b("k")))).isEqualTo("value");
        byte[][] fromCursor = storage.read(tx -> {
            try (Cursor c = tx.cursor(tree, new byte[0])) {
                c.next();
                return new byte[][] {c.key(), c.value()};
            }
        });
        fromCursor[0][0] = 'Z';
        fromCursor[1][0] = 'Z';
        assertThat(scan(storage, tree, new byte[0])).containsExactly("k=value");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReaderDuringAWriteSeesWholeTransactionsOnly(Kind kind) throws Exception {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        storage.write(tx -> {
            tx.put(tree, b("a"), b("1"));
            return null;
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Future<List<String>>> reader = new ArrayList<>();
            storage.write(tx -> {
                tx.put(tree, b("b"), b("2"));
                reader.add(pool.submit(() -> scan(storage, tree, new byte[0])));
                try {
                    // LMDB lets the reader finish on the last commit; the memory twin makes it wait
                    reader.get(0).get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillWaiting) {
                    // fine: it will read after this commit
                }
                tx.put(tree, b("c"), b("3"));
                return null;
            });
            List<String> seen = reader.get(0).get(10, TimeUnit.SECONDS);
            // before the write or after it, never half of it
            assertThat(seen).isIn(List.of("a=1"), List.of("a=1", "b=2", "c=3"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(scan(storage, tree, new byte[0])).containsExactly("a=1", "b=2", "c=3");
    }

    @Test
    void lmdbDataSurvivesCloseAndReopen() {
        LmdbStorage first = new LmdbStorage(dir, MAP_SIZE);
        Tree tree = first.tree("persist");
        first.write(tx -> {
            for (int i = 0; i < 100; i++) {
                tx.put(tree, b(String.format("key%03d", i)), b("value" + i));
            }
            tx.delete(tree, b("key050"));
            return null;
        });
        assertThat(first.sizeInBytes()).isPositive();
        first.close();

        LmdbStorage second = new LmdbStorage(dir, MAP_SIZE);
        opened.add(second);
        Tree reopened = second.tree("persist");
        assertThat(s(get(second, reopened, b("key000")))).isEqualTo("value0");
        assertThat(s(get(second, reopened, b("key099")))).isEqualTo("value99");
        assertThat(get(second, reopened, b("key050"))).isNull();
        assertThat(scan(second, reopened, new byte[0])).hasSize(99);
        // an aborted write before closing leaves nothing on disk either
        assertThatThrownBy(() -> second.write(tx -> {
                    tx.put(reopened, b("ghost"), b("boo"));
                    throw new IllegalStateException("abort");
                }))
                .isInstanceOf(IllegalStateException.class);
        second.close();
        opened.remove(second);

        LmdbStorage third = new LmdbStorage(dir, MAP_SIZE);
        opened.add(third);
        Tree again = third.tree("persist");
        assertThat(get(third, again, b("ghost"))).isNull();
        assertThat(scan(third, again, new byte[0])).hasSize(99);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void appendStoresLikePutWhereverTheKeyFalls(Kind kind) {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        storage.write(tx -> {
            tx.append(tree, b("b"), b("1")); // the first key
            tx.append(tree, b("d"), b("2")); // after the last
            tx.append(tree, b("a"), b("3")); // before it: stored all the same
            tx.append(tree, b("d"), b("4")); // equal to the last: replaces
            tx.append(tree, b("c"), b("5")); // between two
            return null;
        });
        assertThat(scan(storage, tree, new byte[0])).containsExactly("a=3", "b=1", "c=5", "d=4");
    }

    /** The point of append: records added in key order fill LMDB's pages instead of half of each. */
    @Test
    void appendingInKeyOrderTakesFewerPagesThanPutting() {
        long[] sizes = new long[2];
        for (int way = 0; way < 2; way++) {
            LmdbStorage storage = new LmdbStorage(dir.resolve("way" + way), MAP_SIZE);
            opened.add(storage);
            Tree tree = storage.tree("id2entry");
            boolean append = way == 1;
            storage.write(tx -> {
                for (int i = 0; i < 4000; i++) {
                    byte[] key = java.nio.ByteBuffer.allocate(8).putLong(i).array();
                    byte[] value = new byte[825]; // an entry record of bench/pinned's data
                    if (append) {
                        tx.append(tree, key, value);
                    } else {
                        tx.put(tree, key, value);
                    }
                }
                return null;
            });
            sizes[way] = storage.sizeInBytes();
        }
        // four records a page against three (4,000 records: about 1,000 pages against 1,333)
        assertThat(sizes[1]).as("appended, bytes").isLessThan(sizes[0] * 85 / 100);
    }

    @Test
    void memoryStorageSizeCountsKeysAndValues() {
        MemoryStorage storage = new MemoryStorage();
        opened.add(storage);
        Tree tree = storage.tree("t");
        storage.write(tx -> {
            tx.put(tree, b("ab"), b("cde"));
            return null;
        });
        assertThat(storage.sizeInBytes()).isEqualTo(5);
    }

    /** Many writers at once (grouped into shared commits by LMDB's writer): the failing ones leave nothing, the rest all land. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentWritersWithFailuresAmongThem(Kind kind) throws Exception {
        Storage storage = open(kind);
        Tree tree = storage.tree("t");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try {
                        storage.write(tx -> {
                            tx.put(tree, b("k" + n), b("v" + n));
                            if (n % 7 == 0) {
                                throw new java.io.IOException("refused " + n);
                            }
                            return null;
                        });
                    } catch (java.io.IOException expected) {
                        assertThat(expected).hasMessage("refused " + n); // the work's own exception comes back
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        storage.read(tx -> {
            for (int i = 0; i < 400; i++) {
                if (i % 7 == 0) {
                    assertThat(tx.get(tree, b("k" + i)))
                            .as("failed write %d left nothing", i)
                            .isNull();
                } else {
                    assertThat(tx.get(tree, b("k" + i)))
                            .as("write %d landed", i)
                            .isEqualTo(b("v" + i));
                }
            }
            return null;
        });
    }
}
