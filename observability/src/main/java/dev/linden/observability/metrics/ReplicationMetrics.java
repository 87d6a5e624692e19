package dev.linden.observability.metrics;

import dev.linden.core.sync.SyncRegistry;
import dev.linden.observability.ReplicationSource;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Replication in Prometheus: each source this server replicates from, and the consumers it serves. */
final class ReplicationMetrics {
    private ReplicationMetrics() {}

    static void register(
            PrometheusRegistry registry,
            Supplier<List<ReplicationSource>> sources,
            SyncRegistry syncs,
            LongSupplier lastSeq) {
        GaugeWithCallback.builder()
                .name("linden_replication_source_up")
                .help("1 while a replication source is refreshing, persisting or polling; 0 while it waits to retry")
                .labelNames("rid", "provider")
                .callback(cb -> sources.get()
                        .forEach(s -> cb.call(
                                switch (s.state()) {
                                    case "refreshing", "persisting", "polling" -> 1;
                                    default -> 0;
                                },
                                Integer.toString(s.rid()),
                                s.provider())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("linden_replication_source_delay_seconds")
                .unit(Unit.SECONDS)
                .help("How long after it was made the newest change from a source arrived")
                .labelNames("rid")
                .callback(cb ->
                        sources.get().forEach(s -> cb.call(s.delayMillis() / 1000.0, Integer.toString(s.rid()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("linden_replication_source_last_change_seconds")
                .unit(Unit.SECONDS)
                .help("When the newest change from a source was applied (Unix time; 0: none yet)")
                .labelNames("rid")
                .callback(cb ->
                        sources.get().forEach(s -> cb.call(s.lastChangeMillis() / 1000.0, Integer.toString(s.rid()))))
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_replication_source_changes_total")
                .help("Changes applied from a source")
                .labelNames("rid")
                .callback(cb -> sources.get().forEach(s -> cb.call(s.changes(), Integer.toString(s.rid()))))
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_replication_source_reconnects_total")
                .help("Failures of a source's connection, each followed by a new attempt")
                .labelNames("rid")
                .callback(cb -> sources.get().forEach(s -> cb.call(s.reconnects(), Integer.toString(s.rid()))))
                .register(registry);
        CounterWithCallback.builder()
                .name("linden_replication_source_bytes_total")
                .help("Bytes received from a source")
                .labelNames("rid")
                .callback(cb -> sources.get().forEach(s -> cb.call(s.bytes(), Integer.toString(s.rid()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("linden_replication_consumers")
                .help("Content synchronizations this server is serving (its consumers)")
                .callback(cb -> cb.call(syncs.snapshot(0).size()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("linden_replication_consumer_lag_changes")
                .help("Changes a persisting consumer has not been sent yet")
                .labelNames("connection", "identity")
                .callback(cb -> {
                    for (SyncRegistry.Snapshot s : syncs.snapshot(lastSeq.getAsLong())) {
                        if (s.lagChanges() >= 0) {
                            cb.call(s.lagChanges(), Long.toString(s.connection()), s.identity());
                        }
                    }
                })
                .register(registry);
    }
}
