package dev.linden.server;

/**
 * Transport limits.
 *
 * @param maxPduBytes the largest request accepted from a bound client
 * @param maxPduAnonymousBytes the largest request accepted before a successful bind
 * @param idleTimeoutSeconds a connection with no traffic for this long is closed (0: never)
 * @param maxConnections connections beyond this are closed at once
 * @param workerThreads threads that run operations off the network threads
 * @param maxConnectionsPerAddress connections from one client address beyond this are closed at once
 */
public record Limits(int maxPduBytes, int maxPduAnonymousBytes, int idleTimeoutSeconds, int maxConnections,
        int workerThreads, int maxConnectionsPerAddress) {
    public static Limits defaults() {
        return new Limits(10 * 1024 * 1024, 256 * 1024, 900, 4096, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()),
                256);
    }
}
