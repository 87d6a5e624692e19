package dev.linden.observability;

/**
 * One provider this server replicates from, as monitoring shows it.
 *
 * @param rid the source's replica ID
 * @param provider its URL
 * @param state connecting, refreshing, persisting, polling, waiting_to_retry or stopped
 * @param lastCsn the newest CSN applied from it, or null
 * @param lastChangeMillis when that change was applied (0: none yet)
 * @param delayMillis how long after it was made the newest change arrived
 * @param changes changes applied since start
 * @param reconnects failures (each followed by a reconnect) since start
 * @param bytes bytes received since start
 * @param refreshes refreshes completed since start
 * @param lastError the last failure, or null
 * @param alert why the source needs attention (stopped for a while, or too far behind), or null
 */
public record ReplicationSource(
        int rid,
        String provider,
        String state,
        String lastCsn,
        long lastChangeMillis,
        long delayMillis,
        long changes,
        long reconnects,
        long bytes,
        long refreshes,
        String lastError,
        String alert) {}
