package dev.linden.server.replication;

import dev.linden.backend.ChangelogSettings;
import java.util.List;

/**
 * Replication as configured.
 *
 * @param changelog this server's ID and how long its changelog keeps changes
 * @param sources the providers this server replicates from (none: it is not a consumer)
 * @param readOnly what writes from clients get on a server with sources
 * @param consumers DNs of the replication identities of this server's consumers: their
 *     synchronizations are exempt from size and time limits and from attack detection
 */
public record ReplicationSettings(
        ChangelogSettings changelog, List<SyncSourceSettings> sources, ReadOnly readOnly, List<String> consumers) {
    public static final ReplicationSettings NONE =
            new ReplicationSettings(ChangelogSettings.DEFAULT, List.of(), ReadOnly.OFF, List.of());

    /** What writes from clients get on a server that replicates from a provider. */
    public enum ReadOnly {
        /** accepted (a writable replica: only sensible when it is also the provider's provider) */
        OFF,
        /** unwillingToPerform */
        REFUSE,
        /** a referral to the (first) provider, as slapd's updateref */
        REFERRAL
    }

    public ReplicationSettings {
        sources = List.copyOf(sources);
        consumers = List.copyOf(consumers);
    }
}
