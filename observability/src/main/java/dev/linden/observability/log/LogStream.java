package dev.linden.observability.log;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.FileSize;
import dev.linden.observability.LogSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * One log file written in the background: a Logback logger of its own, in a logger context of its
 * own (so several servers in one JVM, as in tests, never share a file), feeding an asynchronous
 * appender that writes to a file rolled over by size and by period; rolled files are compressed
 * and pruned by age and total size. An operation thread only formats its line and queues it: when
 * the queue is full the line is dropped and counted, never waited for. {@link #close()} writes out
 * everything queued before it returns.
 */
public final class LogStream implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LogStream.class);
    /** How long closing may take to write out what is queued. */
    private static final int FLUSH_MILLIS = 60_000;

    private static final String TIME = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC}";

    private final LoggerContext context;
    private final Logger logger;
    private final AsyncAppender async;
    private final RollingFileAppender<ILoggingEvent> file;
    private final LogSettings settings;
    private final String name;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();

    private LogStream(
            String name,
            LoggerContext context,
            Logger logger,
            AsyncAppender async,
            RollingFileAppender<ILoggingEvent> file,
            LogSettings settings) {
        this.name = name;
        this.file = file;
        this.context = context;
        this.logger = logger;
        this.async = async;
        this.settings = settings;
    }

    /**
     * Opens the stream named {@code name} (access, security). In the JSON format each line is a JSON
     * object whose first member is {@code "time"}; {@link #write} then takes the other members.
     */
    public static LogStream open(String name, LogSettings settings) {
        LoggerContext context = new LoggerContext();
        context.setName("linden-" + name);
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.getStatusManager()
                .add(
                        new StatusListener() { // Logback's own trouble (a full disk...) goes to the server log
                            @Override
                            public void addStatusEvent(Status status) {
                                if (status.getEffectiveLevel() >= Status.WARN) {
                                    log.warn("{} log: {}", name, status.getMessage(), status.getThrowable());
                                }
                            }
                        });
        context.start();
        Path file = settings.file().toAbsolutePath();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(
                settings.format() == LogSettings.Format.JSON ? "{\"time\":\"" + TIME + "\",%msg}%n" : TIME + " %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> fileAppender = new RollingFileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName(name + "-file");
        fileAppender.setFile(file.toString());
        fileAppender.setEncoder(encoder);
        fileAppender.setImmediateFlush(false); // see Forwarder: flushed when the queue runs dry

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(fileAppender);
        policy.setFileNamePattern(rolledPattern(file, settings.rotation()));
        policy.setMaxFileSize(new FileSize(settings.maxFileBytes()));
        policy.setMaxHistory(settings.maxHistory());
        if (settings.totalSizeCapBytes() > 0) {
            policy.setTotalSizeCap(new FileSize(settings.totalSizeCapBytes()));
        }
        policy.start();
        fileAppender.setRollingPolicy(policy); // also its triggering policy
        fileAppender.start();
        if (!fileAppender.isStarted()) {
            context.stop();
            throw new IllegalArgumentException(name + "Log: cannot write " + file + " (is its folder writable?)");
        }

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(name + "-async");
        async.setQueueSize(settings.queueSize());
        async.setDiscardingThreshold(0); // never drop by level: every record counts
        async.setNeverBlock(true);
        async.setMaxFlushTime(FLUSH_MILLIS);
        async.setIncludeCallerData(false);
        // The async writer stops what it feeds from its own, interrupted, thread, which would cut short
        // the compression of a file just rolled: it feeds a forwarder instead, and close() stops the file.
        Forwarder forwarder = new Forwarder(fileAppender, async);
        forwarder.setContext(context);
        forwarder.start();
        async.addAppender(forwarder);
        async.start();

        Logger logger = context.getLogger("linden." + name);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(async);
        return new LogStream(name, context, logger, async, fileAppender, settings);
    }

    /** {@code access.log} rolls to {@code access-2025-01-31.0.log.gz}, beside it. */
    private static String rolledPattern(Path file, LogSettings.Rotation rotation) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        Path dir = file.getParent();
        String pattern = base + "-%d{" + rotation.datePattern() + ",UTC}.%i.log.gz";
        return dir == null ? pattern : dir.resolve(pattern).toString();
    }

    /** Queues one record (already formatted, without the time); drops and counts it when the queue is full. */
    public void write(String record) {
        if (async.getRemainingCapacity() == 0) {
            dropped.increment();
            return;
        }
        logger.info(record);
        written.increment();
    }

    /** "access" or "security". */
    public String name() {
        return name;
    }

    public LogSettings settings() {
        return settings;
    }

    /** Records dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.sum();
    }

    public long written() {
        return written.sum();
    }

    /** Writes out every queued record, closes the file. */
    @Override
    public void close() {
        logger.detachAppender(async);
        async.stop(); // writes out the queue (for up to a minute)
        file.stop(); // flushes, closes, and waits for the last rolled file's compression
        // earlier rolled files may still be compressing (Logback waits for the last one only): let them end
        java.util.concurrent.ExecutorService compressing = context.getExecutorService();
        compressing.shutdown();
        try {
            compressing.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            awaitCompressions(System.currentTimeMillis() + 60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.stop();
    }

    /**
     * Waits until no rolled file is still being compressed (Logback renames it to a {@code .tmp} file
     * first, and may compress on an executor of its own): once closed, every line is in a finished file.
     */
    private void awaitCompressions(long deadline) throws InterruptedException {
        Path dir = settings.file().toAbsolutePath().getParent();
        while (System.currentTimeMillis() < deadline) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                if (files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                    return;
                }
            } catch (java.io.IOException e) {
                return; // the folder is gone or unreadable: nothing to wait for
            }
            Thread.sleep(20);
        }
    }

    /**
     * Hands events to the file appender, flushing the file when the queue runs dry (so a quiet log
     * is up to date and a busy one is written in large blocks); stopping it leaves the file appender
     * running.
     */
    private static final class Forwarder extends ch.qos.logback.core.UnsynchronizedAppenderBase<ILoggingEvent> {
        private final RollingFileAppender<ILoggingEvent> target;
        private final AsyncAppender queue;

        Forwarder(RollingFileAppender<ILoggingEvent> target, AsyncAppender queue) {
            this.target = target;
            this.queue = queue;
        }

        @Override
        protected void append(ILoggingEvent event) {
            target.setImmediateFlush(queue.getNumberOfElementsInQueue() == 0);
            target.doAppend(event);
        }
    }
}
