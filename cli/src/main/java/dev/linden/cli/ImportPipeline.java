package dev.linden.cli;

import dev.linden.backend.Backend;
import dev.linden.core.operation.EntryImport;
import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.ldif.LdifException;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * A bulk load on every core: this thread reads the LDIF and hands chunks of records to one worker per
 * core, which turn them into entries (schema checks, password hashing, operational stamps) and
 * normalise their values (which the index keys need), while one writer thread takes the chunks in
 * file order and adds them to the store in large transactions, each committed while the next are
 * prepared. The first record that fails (its syntax, the schema, a missing parent) stops the load:
 * the records before it are loaded, and the error names its line.
 */
final class ImportPipeline {
    /** Records per task handed to a worker. */
    static final int CHUNK = 250;
    /** Entries per transaction: large, so the commit's sync is paid rarely; bounded, so the heap holds two. */
    static final int BATCH = 1000;

    private final EntryImport importer;
    private final Backend backend;
    private final Schema schema;
    private final Dn by;
    private final LongConsumer committed;
    private final int workers;
    private final java.util.Set<String> normalized; // types whose values the writer normalises (indexes)

    /** @param committed told the number of entries committed so far after each transaction (progress) */
    ImportPipeline(EntryImport importer, Backend backend, Schema schema, Dn by, int workers, LongConsumer committed) {
        this.importer = importer;
        this.backend = backend;
        this.schema = schema;
        this.by = by;
        this.workers = Math.max(1, workers);
        this.committed = committed;
        this.normalized = backend.indexedAttributes();
    }

    /** What a worker made of a chunk: its entries, or the first failure with the record it came from. */
    private record Prepared(List<LdifRecord> records, List<Entry> entries, LdifRecord failed, LdapException error) {}

    /** Loads every record; returns the number of entries loaded. */
    int load(LdifReader reader) throws IOException, ImportCommand.ImportException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "import-worker");
            t.setDaemon(true);
            return t;
        });
        // chunks in file order, each being prepared; bounded, so reading never runs far ahead of writing
        BlockingQueue<CompletableFuture<Prepared>> queue = new ArrayBlockingQueue<>(2 * workers + 2);
        CompletableFuture<Long> written = new CompletableFuture<>();
        Thread writer = new Thread(() -> write(queue, written), "import-writer");
        writer.setDaemon(true);
        writer.start();
        try {
            List<LdifRecord> chunk = new ArrayList<>(CHUNK);
            LdifRecord record;
            try {
                while (!written.isDone() && (record = reader.next()) != null) {
                    chunk.add(record);
                    if (chunk.size() == CHUNK) {
                        queue.put(submit(pool, chunk));
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                queue.put(submit(pool, chunk)); // the last, maybe empty: it also marks the end
                queue.put(END);
            } catch (LdifException e) {
                queue.put(submit(pool, chunk)); // every record before the syntax error is loaded, then the load fails
                queue.put(END);
                await(written);
                throw new ImportCommand.ImportException(e.getMessage());
            }
            return (int) (long) await(written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportCommand.ImportException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Marks the end of the chunks. */
    private static final CompletableFuture<Prepared> END = CompletableFuture.completedFuture(null);

    private CompletableFuture<Prepared> submit(ExecutorService pool, List<LdifRecord> chunk) {
        return CompletableFuture.supplyAsync(() -> prepare(chunk), pool);
    }

    private Prepared prepare(List<LdifRecord> records) {
        List<Entry> entries = new ArrayList<>(records.size());
        for (LdifRecord record : records) {
            try {
                Entry entry = importer.entry(record, by);
                for (Attribute a : entry.attributes()) {
                    if (normalized.contains(a.description().type().name())) {
                        a.normalizedValues(schema); // kept with the attribute: the writer's index keys need them
                    }
                }
                entries.add(entry);
            } catch (LdapException e) {
                return new Prepared(records, entries, record, e);
            }
        }
        return new Prepared(records, entries, null, null);
    }

    /** The writer thread: chunks in order into transactions of {@link #BATCH} entries; completes with the count. */
    private void write(BlockingQueue<CompletableFuture<Prepared>> queue, CompletableFuture<Long> written) {
        List<Entry> batch = new ArrayList<>(BATCH);
        List<LdifRecord> records = new ArrayList<>(BATCH);
        long count = 0;
        try {
            while (true) {
                CompletableFuture<Prepared> next = queue.take();
                if (next == END) {
                    break;
                }
                Prepared p = next.get();
                batch.addAll(p.entries());
                records.addAll(p.records().subList(0, p.entries().size()));
                if (p.failed() != null) { // every record before it is loaded, then the load fails
                    count += flush(batch, records);
                    committed.accept(count);
                    written.completeExceptionally(new ImportCommand.ImportException(p.failed(), p.error()));
                    drain(queue);
                    return;
                }
                if (batch.size() >= BATCH) {
                    count += flush(batch, records);
                    committed.accept(count);
                }
            }
            count += flush(batch, records);
            committed.accept(count);
            written.complete(count);
        } catch (ImportCommand.ImportException e) {
            written.completeExceptionally(e);
            drain(queue);
        } catch (InterruptedException e) {
            written.completeExceptionally(e);
        } catch (ExecutionException | RuntimeException e) {
            written.completeExceptionally(e instanceof ExecutionException ? e.getCause() : e);
            drain(queue);
        }
    }

    /** After a failure, takes what the reader still puts, so it is never left blocked on a full queue. */
    private static void drain(BlockingQueue<CompletableFuture<Prepared>> queue) {
        try {
            while (queue.take() != END) {
                // discarded
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int flush(List<Entry> batch, List<LdifRecord> records) throws ImportCommand.ImportException {
        int n = batch.size();
        if (n == 0) {
            return 0;
        }
        try {
            backend.addAll(batch);
        } catch (LdapException e) {
            throw new ImportCommand.ImportException(
                    "entries from line " + records.get(0).line() + " to line "
                            + records.get(n - 1).line() + " were not loaded: " + e.code() + " " + e.getMessage()
                            + (e.matchedDn().isEmpty() ? "" : " (matched " + e.matchedDn() + ")"));
        }
        batch.clear();
        records.clear();
        return n;
    }

    private static long await(CompletableFuture<Long> written)
            throws ImportCommand.ImportException, InterruptedException {
        try {
            return written.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImportCommand.ImportException ie) {
                throw ie;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ImportCommand.ImportException(String.valueOf(e.getCause()));
        }
    }
}
