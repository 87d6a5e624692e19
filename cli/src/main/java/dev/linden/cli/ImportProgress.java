package dev.linden.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long bulk load, on standard error every few seconds: entries committed, the rate,
 * how much of the file has been read and the time left at that pace. A load shorter than the first
 * interval prints nothing.
 */
final class ImportProgress {
    private static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final long fileBytes;
    private final AtomicLong bytesRead = new AtomicLong();
    private final long start = System.nanoTime();
    private long lastPrint = start;

    ImportProgress(PrintStream out, long fileBytes) {
        this.out = out;
        this.fileBytes = fileBytes;
    }

    /** The file's stream, counting the bytes read from it. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
    }

    /** After each transaction: {@code entries} committed so far. */
    synchronized void committed(long entries) {
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        out.println(line(entries, (now - start) / 1e9, bytesRead.get()));
    }

    /** "N entries, R entries/s, P% of the file, about S s left" ({@code read} bytes of the file read so far). */
    String line(long entries, double seconds, long read) {
        double rate = entries / Math.max(seconds, 1e-9);
        double share = fileBytes <= 0 ? 1 : Math.min(1, (double) read / fileBytes);
        // the file is read ahead of the commits by a bounded amount: the share read estimates the share done
        double left = share <= 0 ? 0 : seconds * (1 - share) / share;
        return String.format(
                "  %,d entries, %,.0f entries/s, %.0f%% of the file, about %.0f s left",
                entries, rate, 100 * share, left);
    }
}
