package dev.linden.server;

/**
 * Transport limits.
 *
 * @param maxPduBytes the largest request accepted from a bound client
 * @param maxPduAnonymousBytes the largest request accepted before a successful bind
 * @param idleTimeoutSeconds a connection with no traffic for this long is closed (0: never)
 * @param maxConnections connections held at once; when full, the longest-idle one makes room for a new one
 * @param workerThreads operations running at once (an operation waiting for a slow client holds none)
 * @param maxConnectionsPerAddress connections from one client address beyond this are closed at once
 * @param maxOutstandingPerConnection requests of one connection read and not yet answered; past it the
 *     server stops reading from that connection until some are answered
 * @param writeBufferBytes responses queued for one connection's socket past which its operations wait
 * @param writeTimeoutSeconds a connection whose socket accepts no byte for this long while responses
 *     wait is closed (0: never)
 */
public record Limits(
        int maxPduBytes,
        int maxPduAnonymousBytes,
        int idleTimeoutSeconds,
        int maxConnections,
        int workerThreads,
        int maxConnectionsPerAddress,
        int maxOutstandingPerConnection,
        int writeBufferBytes,
        int writeTimeoutSeconds) {
    public static Limits defaults() {
        return new Limits(
                10 * 1024 * 1024,
                256 * 1024,
                900,
                ConnectionCapacity.defaultMaxConnections(),
                Math.max(8, 4 * Runtime.getRuntime().availableProcessors()),
                256,
                64,
                64 * 1024,
                60);
    }
}
