package dev.linden.observability;

import java.nio.file.Path;

/**
 * One log stream (the access log or the security event log): a file written by a background
 * thread, rolled over by size and by period, old files compressed and pruned.
 *
 * @param enabled whether the stream is written at all
 * @param format one line per record: {@code LINE} (slapd-like, for people) or {@code JSON} (JSON lines, for machines)
 * @param file the current file; rolled files sit beside it
 * @param maxFileBytes a file is rolled over when it grows past this
 * @param rotation the period after which a file is rolled over even if small
 * @param maxHistory rolled periods kept (older ones are deleted)
 * @param totalSizeCapBytes rolled files are deleted, oldest first, beyond this total (0: no cap)
 * @param queueSize records waiting for the writer; when full, further records are dropped (and
 *     counted) rather than making an operation wait
 */
public record LogSettings(
        boolean enabled,
        Format format,
        Path file,
        long maxFileBytes,
        Rotation rotation,
        int maxHistory,
        long totalSizeCapBytes,
        int queueSize) {

    public enum Format {
        LINE,
        JSON
    }

    public enum Rotation {
        HOURLY("yyyy-MM-dd-HH"),
        DAILY("yyyy-MM-dd");

        private final String datePattern;

        Rotation(String datePattern) {
            this.datePattern = datePattern;
        }

        public String datePattern() {
            return datePattern;
        }
    }

    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_HISTORY = 30;
    public static final long DEFAULT_TOTAL_SIZE_CAP = 10L * 1024 * 1024 * 1024;
    public static final int DEFAULT_QUEUE_SIZE = 65_536;

    public LogSettings {
        if (enabled && file == null) {
            throw new IllegalArgumentException("a log file is needed");
        }
        if (maxFileBytes <= 0 || maxHistory <= 0 || totalSizeCapBytes < 0 || queueSize <= 0) {
            throw new IllegalArgumentException("log sizes must be positive");
        }
    }

    public static LogSettings disabled() {
        return new LogSettings(
                false,
                Format.LINE,
                null,
                DEFAULT_MAX_FILE_BYTES,
                Rotation.DAILY,
                DEFAULT_MAX_HISTORY,
                DEFAULT_TOTAL_SIZE_CAP,
                DEFAULT_QUEUE_SIZE);
    }

    /** A stream to {@code file} with the default sizes. */
    public static LogSettings to(Path file, Format format) {
        return new LogSettings(
                true,
                format,
                file,
                DEFAULT_MAX_FILE_BYTES,
                Rotation.DAILY,
                DEFAULT_MAX_HISTORY,
                DEFAULT_TOTAL_SIZE_CAP,
                DEFAULT_QUEUE_SIZE);
    }
}
