package dev.linden.backend;

import java.time.Clock;

/**
 * This server's identity in replication and how long its changelog keeps changes.
 *
 * @param serverId the server ID in every CSN this server issues (1-4095; distinct per server of a
 *     replicated directory)
 * @param maxChanges records kept at most; older ones are dropped
 * @param maxAgeSeconds records older than this are dropped
 * @param clock the wall clock CSNs start from (the system's in UTC; tests set one that lags)
 * @param keepsState whether each entry keeps its change state (lindenCsnState) through local changes:
 *     a writable member of a multi-provider mesh does, so that concurrent changes merge value by
 *     value; any other server does not pay for it (a huge group's state grows with its changes)
 */
public record ChangelogSettings(int serverId, long maxChanges, long maxAgeSeconds, Clock clock, boolean keepsState) {
    public static final ChangelogSettings DEFAULT = new ChangelogSettings(1, 1_000_000, 7 * 86_400);

    public ChangelogSettings(int serverId, long maxChanges, long maxAgeSeconds) {
        this(serverId, maxChanges, maxAgeSeconds, Clock.systemUTC(), false);
    }

    /** These settings for a server that keeps ({@code true}) or not each entry's change state. */
    public ChangelogSettings keepingState(boolean keep) {
        return new ChangelogSettings(serverId, maxChanges, maxAgeSeconds, clock, keep);
    }

    public ChangelogSettings {
        if (serverId < 0 || serverId > 0xFFF) {
            throw new IllegalArgumentException("serverId must be within 0-4095, not " + serverId);
        }
        if (maxChanges < 1 || maxAgeSeconds < 1) {
            throw new IllegalArgumentException(
                    "changelog retention must keep at least one change for at least a second");
        }
    }
}
