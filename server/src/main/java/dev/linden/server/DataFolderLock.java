package dev.linden.server;

import dev.linden.server.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per data folder: the server and an import hold an exclusive lock on
 * {@code <dataDir>/linden.lock} while the store is open. LMDB itself lets several processes open
 * one store, but each Linden keeps state of its own (entry IDs being handed out, caches, paged
 * searches), so a second server on the same folder would corrupt the first one's view; it is
 * refused at start instead, naming the process that holds the folder. The operating system
 * releases the lock when the process dies, so a crash never leaves the folder locked.
 */
public final class DataFolderLock implements AutoCloseable {
    static final String FILE = "linden.lock";
    private static final DataFolderLock NONE = new DataFolderLock(null, null);

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the folder of an LMDB store (nothing to lock for a store in memory). */
    public static DataFolderLock acquire(dev.linden.server.config.Settings settings) throws ConfigException {
        return settings.storage().equals("memory") ? NONE : acquire(settings.dataDir());
    }

    public static DataFolderLock acquire(Path dir) throws ConfigException {
        String fix = "; choose another folder (--data or dataDir)";
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException("dataDir " + dir + " is a file, not a folder" + fix);
        } catch (AccessDeniedException e) {
            throw new ConfigException("dataDir " + dir + ": cannot create the folder (permission denied on "
                    + e.getFile() + "): create it for the user the server runs as (" + System.getProperty("user.name")
                    + ")" + fix);
        } catch (IOException e) {
            throw new ConfigException("dataDir " + dir + ": cannot create the folder: " + e.getMessage() + fix);
        }
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new ConfigException(
                    "dataDir " + dir + ": permission denied: the folder and its files must be readable "
                            + "and writable by the user the server runs as (" + System.getProperty("user.name")
                            + "): change their owner or mode" + fix);
        } catch (IOException e) {
            throw new ConfigException("dataDir " + dir + ": cannot open " + file + ": " + e.getMessage() + fix);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new ConfigException("dataDir " + dir + " is in use by another Linden" + holder
                        + ": stop it first, or give this one its own folder (--data or dataDir)");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataFolderLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ConfigException("dataDir " + dir + ": cannot lock " + file + ": " + e.getMessage() + fix);
        }
    }

    /** Null when another process holds the lock, or another server in this JVM (tests run several). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** " (process 1234)" from the pid the holder wrote, or nothing. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one to report
        }
    }

    /** Releases the folder (the lock file stays: removing it would race with a server starting). */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }
}
