package dev.linden.backend;

import dev.linden.model.ValueStore;
import dev.linden.storage.Cursor;
import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * One attribute's values in {@link Id2Values}, read on demand in the transaction the entry was read
 * in; once that transaction has ended (an entry handed out of the backend), each question is
 * answered in a read transaction of its own.
 */
final class StoredValues implements ValueStore {
    private final BackendTx tx;
    private final Storage storage;
    private final Id2Values tree;
    private final byte[] prefix;
    private final StoreCounters counters;

    StoredValues(
            BackendTx tx, Storage storage, Id2Values tree, long id, String descriptionKey, StoreCounters counters) {
        this.tx = tx;
        this.counters = counters;
        this.storage = storage;
        this.tree = tree;
        this.prefix = Id2Values.prefix(id, descriptionKey);
    }

    @Override
    public List<byte[]> values(Set<String> excluded) {
        Set<ByteBuffer> skip = keys(excluded);
        List<byte[]> values = new ArrayList<>();
        walk(c -> {
            if (skip.isEmpty() || !skip.contains(ByteBuffer.wrap(c.key()))) {
                values.add(c.value());
            }
        });
        return values;
    }

    @Override
    public void forEachValue(Consumer<ByteBuffer> each) {
        walk(c -> each.accept(c.valueView()));
    }

    @Override
    public void forEachLength(IntConsumer each) {
        walk(c -> each.accept(c.valueLength()));
    }

    /** Visits the cursor at each value of this attribute. */
    private void walk(Consumer<Cursor> atEach) {
        run(t -> {
            int steps = 0;
            try (Cursor c = t.cursor(tree.tree(), prefix)) {
                while (c.next() && c.keyStartsWith(prefix)) {
                    steps++;
                    atEach.accept(c);
                }
            } finally {
                counters.readApart(steps);
            }
            return null;
        });
    }

    /** From the attribute's summary (one look-up); counted by a pass over the values when it has none. */
    @Override
    public long encodedLength() {
        Id2Values.Summary summary = run(t -> tree.summary(t, prefix));
        return summary != null ? summary.encodedBytes() : ValueStore.super.encodedLength();
    }

    @Override
    public boolean readsOneState() {
        return tx.isOpen();
    }

    @Override
    public boolean contains(String normalized) {
        byte[] key = Id2Values.key(prefix, normalized);
        counters.readApart(1);
        return run(t -> tree.contains(t, key));
    }

    @Override
    public boolean hasOtherThan(Set<String> excluded) {
        Set<ByteBuffer> skip = keys(excluded);
        return run(t -> {
            try (Cursor c = t.cursor(tree.tree(), prefix)) {
                while (c.next()) {
                    counters.readApart(1);
                    byte[] key = c.key();
                    if (!Dn2Id.startsWith(key, prefix)) {
                        return false;
                    }
                    if (!skip.contains(ByteBuffer.wrap(key))) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    byte[] prefix() {
        return prefix;
    }

    private Set<ByteBuffer> keys(Set<String> normalized) {
        Set<ByteBuffer> keys = new HashSet<>();
        for (String n : normalized) {
            keys.add(ByteBuffer.wrap(Id2Values.key(prefix, n)));
        }
        return keys;
    }

    private <T> T run(Function<ReadTx, T> work) {
        if (tx.isOpen()) {
            return work.apply(tx);
        }
        return storage.read(work::apply);
    }
}
