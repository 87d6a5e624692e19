package dev.linden.observability.monitor;

import dev.linden.backend.Backend;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.observability.CountingStorage;
import dev.linden.observability.OperationStats;
import dev.linden.observability.security.Detector;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where cn=Monitor reads its live data from.
 *
 * @param store the counting store, or null when the store is not counted
 * @param detector the attack detection, or null when it is off
 * @param passwordPolicy the password policy's and bind throttle's counters (lockouts, delayed binds,
 *     blocked addresses), or null when there are none to read
 * @param cldap the CLDAP listener's counters
 * @param replicationSources the providers this server replicates from (empty when none)
 */
public record MonitorSources(
        String version,
        long startMillis,
        Supplier<List<Listener>> listeners,
        Connections connections,
        OperationStats operations,
        Backend backend,
        CountingStorage store,
        Detector detector,
        Supplier<SecurityCounters.Snapshot> passwordPolicy,
        dev.linden.observability.CldapStats cldap,
        Supplier<List<dev.linden.observability.ReplicationSource>> replicationSources,
        dev.linden.core.sync.SyncRegistry syncs) {}
