package dev.linden.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections this process can hold, from its limit of open files: every connection is a
 * file descriptor. The JDK raises the soft limit to the hard one at start on Linux (-XX:+MaxFDLimit,
 * the default), as slapd does, so the soft limit read here is normally the hard one. A share is kept
 * for the store, the logs, the JVM's own jars and the listeners; the heap caps the count too, so a
 * machine with a huge limit and a small heap is not promised what it cannot hold.
 */
public final class ConnectionCapacity {
    /**
     * Heap one idle connection may cost, with room to spare: FleetCapacityIT measures 7.5 to 9 KB of
     * resident memory (heap and native together) per idle connection; twice that is reserved. Every KB
     * here is 4 MiB of the default heap (4,096 connections), which the collector fills before it collects.
     */
    static final long HEAP_PER_CONNECTION = 16 * 1024;

    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Logger log = LoggerFactory.getLogger(ConnectionCapacity.class);

    private ConnectionCapacity() {}

    /** The default of limits.maxConnections: the open-file limit less a reserve, at most what the heap holds. */
    public static int defaultMaxConnections() {
        long byFiles = forFiles(openFileLimit()[0]);
        long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_CONNECTION;
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE, Math.min(byFiles, byHeap)));
    }

    /** Says at start how many connections the server holds, and warns when the open-file limit cannot carry them. */
    static void log(int maxConnections) {
        long[] files = openFileLimit();
        log.info(
                "holding up to {} connections (limits.maxConnections; open files: {}, hard limit {})",
                maxConnections,
                files[0],
                files[1]);
        if (files[0] < files[1]) {
            log.warn(
                    "the open-file limit is {}, below the hard limit {}: the JVM raises it unless started with"
                            + " -XX:-MaxFDLimit",
                    files[0],
                    files[1]);
        }
        if (maxConnections > forFiles(files[0])) {
            log.warn(
                    "limits.maxConnections {} needs more open files than the limit of {} leaves: raise it (ulimit -n,"
                            + " LimitNOFILE= in systemd) or lower maxConnections to {}",
                    maxConnections,
                    files[0],
                    Math.max(1, forFiles(files[0])));
        }
    }

    /** Connections that {@code files} open files leave room for: 1/32 of them, and at least 256, stay for everything else. */
    static long forFiles(long files) {
        return files - Math.max(256, files / 32);
    }

    /** The soft and hard limits of open files (RLIMIT_NOFILE), or {4096, 4096} when neither can be read. */
    public static long[] openFileLimit() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    String[] words =
                            line.substring("Max open files".length()).trim().split("\\s+");
                    return new long[] {number(words[0]), number(words[1])};
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through to the JDK's view
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long soft = unix.getMaxFileDescriptorCount();
            return new long[] {soft, soft};
        }
        return new long[] {4096, 4096};
    }

    private static long number(String word) {
        return word.equals("unlimited") ? Integer.MAX_VALUE : Long.parseLong(word);
    }
}
