package dev.linden.observability.metrics;

import dev.linden.observability.BindFailure;
import dev.linden.observability.CldapStats;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.Names;
import dev.linden.observability.OperationKind;
import dev.linden.observability.OperationObserver;
import dev.linden.observability.OperationRecord;
import dev.linden.observability.OperationStats;
import dev.linden.observability.log.LogStream;
import dev.linden.observability.monitor.Connections;
import dev.linden.observability.monitor.Listener;
import dev.linden.observability.monitor.MonitorSources;
import dev.linden.observability.security.Alert;
import dev.linden.observability.security.Detector;
import dev.linden.protocol.ResultCode;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus metrics, named after the conventions (a {@code linden_} prefix, {@code _total} for
 * counters, base units). Only the latency histogram is updated per operation (its data points are
 * resolved once, so observing is a few striped additions); every other metric is read at scrape
 * time from the counters cn=Monitor reads too, so an operation never pays twice.
 */
public final class LdapMetrics implements OperationObserver {
    /** Latency buckets, in seconds: from a cached lookup to a slow write. */
    private static final double[] BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final DistributionDataPoint[] durations = new DistributionDataPoint[OperationKind.all().length];

    public LdapMetrics(PrometheusRegistry registry, MonitorSources sources, List<LogStream> logs) {
        OperationStats ops = sources.operations();
        Histogram histogram = Histogram.builder()
                .name("linden_operation_duration_seconds")
                .unit(Unit.SECONDS)
                .help("Time from receiving an operation to its final response")
                .labelNames("operation")
                .classicOnly()
                .classicUpperBounds(BUCKETS)
                .withoutExemplars()
                .register(registry);
        for (OperationKind k : OperationKind.all()) {
            durations[k.ordinal()] = histogram.labelValues(k.label());
        }

        Info.builder()
                .name("linden_build_info")
                .help("The server's version, as a label")
                .labelNames("version")
                .register(registry)
                .setLabelValues(sources.version());
        GaugeWithCallback.builder()
                .name("linden_start_time_seconds")
                .unit(Unit.SECONDS)
                .help("When the server started, in seconds since the epoch")
                .callback(cb -> cb.call(sources.startMillis() / 1000.0))
                .register(registry);

        CounterWithCallback.builder()
                .name("linden_operations_total")
                .help("Operations completed, by type and result code (abandoned: no response was sent)")
                .labelNames("operation", "result")
                .callback(cb -> {
                    for (OperationKind k : OperationKind.all()) {
                        for (ResultCode code : ResultCode.values()) {
                            long n = ops.count(k, code);
                            if (n > 0) {
                                cb.call(n, k.label(), Names.result(code));
                            }
                        }
                        long abandoned = ops.count(k, null);
                        if (abandoned > 0) {
                            cb.call(abandoned, k.label(), "abandoned");
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("linden_operations_in_progress")
                .help("Operations received and not yet answered")
                .callback(cb -> {
                    long n = 0;
                    for (OperationKind k : OperationKind.all()) {
                        n += ops.initiated(k) - ops.completed(k);
                    }
                    cb.call(Math.max(0, n));
                })
                .register(registry);

        Connections connections = sources.connections();
        GaugeWithCallback.builder()
                .name("linden_connections")
                .help("Open client connections, by listener and TLS")
                .labelNames("listener", "tls")
                .callback(cb -> {
                    Map<String, long[]> counts = new HashMap<>();
                    for (Listener l : sources.listeners().get()) {
                        counts.put(l.name(), new long[2]);
                    }
                    for (Connections.Live c : connections.open()) {
                        counts.computeIfAbsent(c.listener(), l -> new long[2])[
                                c.session().isSecure() ? 1 : 0]++;
                    }
                    counts.forEach((listener, n) -> {
                        cb.call(n[0], listener, "false");
                        cb.call(n[1], listener, "true");
                    });
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_connections_opened_total")
                .help("Client connections accepted, by listener")
                .labelNames("listener")
                .callback(cb -> connections.openedByListener().forEach((l, n) -> cb.call(n, l)))
                .register(registry);

        CounterWithCallback.builder()
                .name("linden_binds_total")
                .help("Bind operations, by method and outcome")
                .labelNames("method", "outcome")
                .callback(cb -> ops.binds().forEach((method, n) -> {
                    cb.call(n[0], method, "success");
                    cb.call(n[1], method, "failure");
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_bind_failures_total")
                .help("Failed binds, by reason")
                .labelNames("reason")
                .callback(cb -> {
                    for (BindFailure f : BindFailure.values()) {
                        cb.call(ops.bindFailures(f), f.label());
                    }
                })
                .register(registry);
        var policy = sources.passwordPolicy();
        CounterWithCallback.builder()
                .name("linden_lockouts_total")
                .help("Accounts locked by the password policy")
                .callback(cb ->
                        cb.call(policy == null ? ops.lockouts() : policy.get().lockouts()))
                .register(registry);
        if (policy != null) {
            CounterWithCallback.builder()
                    .name("linden_bind_throttle_delayed_total")
                    .help("Binds the bind throttle slowed down (failures of late from their address or account)")
                    .callback(cb -> cb.call(policy.get().delayedBinds()))
                    .register(registry);
            CounterWithCallback.builder()
                    .name("linden_bind_throttle_address_blocks_total")
                    .help("Times the bind throttle blocked a client address")
                    .callback(cb -> cb.call(policy.get().addressBlocks()))
                    .register(registry);
            GaugeWithCallback.builder()
                    .name("linden_bind_throttle_blocked_addresses")
                    .help("Client addresses the bind throttle refuses now")
                    .callback(cb -> cb.call(policy.get().blockedAddressesNow()))
                    .register(registry);
            CounterWithCallback.builder()
                    .name("linden_grace_binds_total")
                    .help("Binds made with an expired password, using a grace bind")
                    .callback(cb -> cb.call(policy.get().graceBinds()))
                    .register(registry);
        }

        CounterWithCallback.builder()
                .name("linden_searches_total")
                .help("Searches by how their candidates were found: indexed, unindexed (a scan), refused "
                        + "(unindexed past the limit: adminLimitExceeded), scoped (base or one level)")
                .labelNames("index")
                .callback(cb -> {
                    var s = sources.backend().searchCounters();
                    cb.call(s.indexedCount(), "indexed");
                    cb.call(s.unindexedCount(), "unindexed");
                    cb.call(s.refusedCount(), "refused");
                    cb.call(s.scopedCount(), "scoped");
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_search_entries_returned_total")
                .help("Entries sent in search results")
                .callback(cb -> cb.call(ops.entriesReturned()))
                .register(registry);

        if (sources.store() != null) {
            var store = sources.store();
            GaugeWithCallback.builder()
                    .name("linden_store_size_bytes")
                    .unit(Unit.BYTES)
                    .help("Bytes the store occupies (on disk for LMDB)")
                    .callback(cb -> cb.call(store.sizeInBytes()))
                    .register(registry);
            CounterWithCallback.builder()
                    .name("linden_store_transactions_total")
                    .help("Store transactions: read, write (committed), failed_write (rolled back)")
                    .labelNames("kind")
                    .callback(cb -> {
                        cb.call(store.reads(), "read");
                        cb.call(store.writes(), "write");
                        cb.call(store.failedWrites(), "failed_write");
                    })
                    .register(registry);
        }

        var backend = sources.backend();
        CounterWithCallback.builder()
                .name("linden_store_keys_written_total")
                .help("Keys the backend put or deleted in the store (rolled-back writes included)")
                .labelNames("kind")
                .callback(cb -> {
                    var c = backend.counters();
                    cb.call(c.puts(), "put");
                    cb.call(c.deletes(), "delete");
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_store_written_bytes_total")
                .unit(Unit.BYTES)
                .help("Bytes of keys and values the backend put in the store")
                .callback(cb -> cb.call(backend.counters().bytes()))
                .register(registry);

        Detector detector = sources.detector();
        if (detector != null) {
            CounterWithCallback.builder()
                    .name("linden_security_events_total")
                    .help(
                            "Security events by kind: bind_failure, lockout, secret_probe, alert (a detection fired), alert_ended")
                    .labelNames("event")
                    .callback(cb -> Detector.EVENTS.forEach(e -> cb.call(detector.events(e), e)))
                    .register(registry);
            CounterWithCallback.builder()
                    .name("linden_security_detections_total")
                    .help("Times each detection fired: password_spray, brute_force, enumeration, secret_probes")
                    .labelNames("detection")
                    .callback(cb -> Detector.DETECTIONS.forEach(d -> cb.call(detector.detections(d), d)))
                    .register(registry);
            GaugeWithCallback.builder()
                    .name("linden_security_alerts_active")
                    .help("Alerts active now, by detection")
                    .labelNames("detection")
                    .callback(cb -> {
                        Map<String, Integer> active = new HashMap<>();
                        Detector.DETECTIONS.forEach(d -> active.put(d, 0));
                        for (Alert a : detector.activeAlerts()) {
                            active.merge(a.detection(), 1, Integer::sum);
                        }
                        active.forEach((d, n) -> cb.call(n, d));
                    })
                    .register(registry);
            GaugeWithCallback.builder()
                    .name("linden_throttled_clients")
                    .help("Offenders (addresses, identities, accounts) throttled or blocked now, by action")
                    .labelNames("action")
                    .callback(cb -> {
                        cb.call(detector.offenders(Action.THROTTLE), "throttle");
                        cb.call(detector.offenders(Action.BLOCK), "block");
                    })
                    .register(registry);
            CounterWithCallback.builder()
                    .name("linden_detection_forgotten_total")
                    .help("Tracked addresses, accounts and identities forgotten because a detection table was full")
                    .callback(cb -> cb.call(detector.evicted()))
                    .register(registry);
            CounterWithCallback.builder()
                    .name("linden_enforced_operations_total")
                    .help("Operations of offenders: delayed (throttled) or refused (blocked, or busy)")
                    .labelNames("action")
                    .callback(cb -> {
                        cb.call(detector.offenders().delayedOperations(), "delayed");
                        cb.call(detector.offenders().refusedOperations(), "refused");
                    })
                    .register(registry);
        }
        cldap(registry, sources.cldap());
        ReplicationMetrics.register(
                registry,
                sources.replicationSources(),
                sources.syncs(),
                () -> sources.backend()
                        .changelogState(dev.linden.model.sync.CsnVector.EMPTY)
                        .lastSeq());
        if (!logs.isEmpty()) {
            Map<String, LogStream> byName = new HashMap<>();
            for (LogStream l : logs) {
                byName.put(l.name(), l);
            }
            CounterWithCallback.builder()
                    .name("linden_log_records_total")
                    .help(
                            "Records of the access and security logs: written (queued for the file) or dropped (queue full)")
                    .labelNames("log", "outcome")
                    .callback(cb -> byName.forEach((name, l) -> {
                        cb.call(l.written(), name, "written");
                        cb.call(l.dropped(), name, "dropped");
                    }))
                    .register(registry);
        }
    }

    /** The CLDAP listener's datagrams: zero while it is off. Bytes out over bytes in is its amplification. */
    private static void cldap(PrometheusRegistry registry, CldapStats cldap) {
        CounterWithCallback.builder()
                .name("linden_cldap_received_total")
                .help("Datagrams the CLDAP listener (LDAP over UDP) received")
                .callback(cb -> cb.call(cldap.received()))
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_cldap_answers_total")
                .help("CLDAP datagrams answered, by kind: netlogon (LDAP pings), root_dse, refused, capped (too large)")
                .labelNames("kind")
                .callback(cb -> {
                    for (CldapStats.Answer a : CldapStats.Answer.values()) {
                        cb.call(cldap.answers(a), a.label());
                    }
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_cldap_dropped_total")
                .help("CLDAP datagrams dropped unanswered, by reason: oversized, source_rate, global_rate, malformed, "
                        + "unsupported, busy")
                .labelNames("reason")
                .callback(cb -> {
                    for (CldapStats.Drop d : CldapStats.Drop.values()) {
                        cb.call(cldap.drops(d), d.label());
                    }
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_cldap_bytes_total")
                .unit(Unit.BYTES)
                .help("Bytes of CLDAP datagrams, by direction: in (received), out (answers)")
                .labelNames("direction")
                .callback(cb -> {
                    cb.call(cldap.bytesIn(), "in");
                    cb.call(cldap.bytesOut(), "out");
                })
                .register(registry);
    }

    @Override
    public void completed(OperationRecord record) {
        durations[record.kind().ordinal()].observe(record.nanos() / 1e9);
    }
}
