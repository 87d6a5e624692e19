package dev.linden.observability;

import dev.linden.core.Directory;
import dev.linden.core.RequestHandler;
import dev.linden.core.Session;
import dev.linden.core.acl.AccessControl;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.observability.log.AccessLog;
import dev.linden.observability.log.LogStream;
import dev.linden.observability.log.SecurityLog;
import dev.linden.observability.metrics.LdapMetrics;
import dev.linden.observability.monitor.Connections;
import dev.linden.observability.monitor.Listener;
import dev.linden.observability.monitor.MonitorContext;
import dev.linden.observability.monitor.MonitorSources;
import dev.linden.observability.monitor.MonitorTree;
import dev.linden.observability.security.Detector;
import dev.linden.observability.security.EnforcingHandler;
import dev.linden.observability.security.SecretReads;
import dev.linden.observability.security.SecurityEvent;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything beside the request path, assembled from its settings: the counters, the access and
 * security logs, the Prometheus endpoint, cn=Monitor and attack detection. {@link #wrap} stacks its
 * decorators around the dispatcher; {@link #connectionObserver()} is what the transport tells about
 * connections. Close it after the LDAP listener, so the records of the last operations and
 * connections are written before the logs close.
 */
public final class Observability implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Observability.class);

    private final ObservabilitySettings settings;
    private final Directory directory;
    private final long startMillis = System.currentTimeMillis();
    private final OperationStats stats = new OperationStats();
    private final CldapStats cldap = new CldapStats();
    private final Connections connections = new Connections();
    private final SecretAttributes secrets;
    private final LogStream accessStream;
    private final LogStream securityStream;
    private final AccessLog accessLog;
    /** Where security events go: the security log, or nowhere when it is off. */
    private final Consumer<SecurityEvent> securityEvents;

    private final Detector detector;
    private final CountingStorage store;
    private final String version;
    private final Supplier<SecurityCounters.Snapshot> passwordPolicy;
    private final ScheduledExecutorService ticker;
    private volatile List<Listener> listeners = List.of();
    private LdapMetrics metrics;
    private PrometheusRegistry registry;
    private HTTPServer metricsServer;

    private Observability(
            ObservabilitySettings settings,
            Directory directory,
            CountingStorage store,
            String version,
            Supplier<SecurityCounters.Snapshot> passwordPolicy,
            FamiliarAddresses familiar) {
        this.settings = settings;
        this.passwordPolicy = passwordPolicy;
        this.directory = directory;
        this.store = store;
        this.version = version;
        this.secrets = directory.schema().secrets();
        LogStream access = null;
        LogStream security = null;
        Consumer<SecurityEvent> events;
        try {
            access = settings.accessLog().enabled() ? LogStream.open("access", settings.accessLog()) : null;
            security = settings.securityLog().enabled() ? LogStream.open("security", settings.securityLog()) : null;
            events = security == null ? e -> {} : new SecurityLog(security);
            this.detector = settings.detection().enabled()
                    ? new Detector(
                            settings.detection(),
                            directory.schema(),
                            directory.backend().config().suffixes(),
                            directory.config().rootDn(),
                            secrets,
                            familiar,
                            events,
                            System::currentTimeMillis)
                    : null;
        } catch (RuntimeException e) {
            if (access != null) {
                access.close();
            }
            if (security != null) {
                security.close();
            }
            throw e;
        }
        this.accessStream = access;
        this.securityStream = security;
        this.securityEvents = events;
        this.replicationWatch = new ReplicationWatch(events);
        this.accessLog = access == null ? null : new AccessLog(access, secrets);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "linden-observability");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the logs and prepares the metrics ({@link #openMetricsEndpoint} serves them). A log file
     * that cannot be written, or a wrong setting found only now (an exempt identity that is not a
     * DN), is an IllegalArgumentException.
     *
     * @param store the store, counted, for cn=Monitor and the metrics (null: no store statistics)
     * @param version the server's version
     * @param passwordPolicy the password policy's and bind throttle's counters (null: none)
     * @param familiar where each account bound from successfully of late, which detection spares as
     *     the bind throttle does
     */
    public static Observability start(
            ObservabilitySettings settings,
            Directory directory,
            CountingStorage store,
            String version,
            Supplier<SecurityCounters.Snapshot> passwordPolicy,
            FamiliarAddresses familiar)
            throws IOException {
        Observability o = new Observability(settings, directory, store, version, passwordPolicy, familiar);
        if (settings.monitor().enabled()) { // searched and compared by the ordinary operations, behind every check
            directory
                    .live()
                    .mount(new MonitorContext(directory.schema(), new MonitorTree(directory.schema(), o.sources())));
        }
        try {
            o.startMetrics();
        } catch (IOException | RuntimeException e) {
            o.close();
            throw e;
        }
        o.ticker.scheduleAtFixedRate(o::tick, 1, 1, TimeUnit.SECONDS);
        return o;
    }

    private void startMetrics() throws IOException {
        MetricsSettings m = settings.metrics();
        if (!m.enabled()) {
            return;
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        List<LogStream> logs = new ArrayList<>();
        if (accessStream != null) {
            logs.add(accessStream);
        }
        if (securityStream != null) {
            logs.add(securityStream);
        }
        this.metrics = new LdapMetrics(registry, sources(), logs);
        if (m.jvm()) {
            JvmMetrics.builder().register(registry);
        }
        this.registry = registry;
    }

    /**
     * Opens the metrics endpoint (when metrics are on). Apart from {@link #start}, so the server can
     * open its LDAP ports first: when one of those fails, that is the only line a start prints.
     */
    public void openMetricsEndpoint() throws IOException {
        if (registry == null || metricsServer != null) {
            return;
        }
        MetricsSettings m = settings.metrics();
        this.metricsServer = listen(m, registry);
        if (metricsServer != null) {
            log.info("serving Prometheus metrics on http://{}:{}/metrics", m.host(), metricsServer.getPort());
        }
    }

    /** How many ports past the default one a second server on this machine tries for its metrics. */
    private static final int DEFAULT_PORT_TRIES = 10;

    /**
     * The HTTP listener on the configured port, which must open; or on the default port, else the
     * next free one (another Linden on this machine has it), else none: a default must not stop a start.
     */
    private static HTTPServer listen(MetricsSettings m, PrometheusRegistry registry) throws IOException {
        int tries = m.defaultPort() ? DEFAULT_PORT_TRIES : 1;
        for (int i = 0; i < tries; i++) {
            int port = m.port() + i;
            try {
                HTTPServer server = HTTPServer.builder()
                        .hostname(m.host())
                        .port(port)
                        .registry(registry)
                        .buildAndStart();
                if (i > 0) {
                    log.warn(
                            "metrics: port {} is in use (another server on this machine?); serving metrics on "
                                    + "http://{}:{}/metrics instead (set metrics.port to choose)",
                            m.port(),
                            m.host(),
                            port);
                }
                return server;
            } catch (java.net.BindException e) {
                if (!m.defaultPort() || !String.valueOf(e.getMessage()).contains("in use")) {
                    throw new IOException(
                            ListenFailure.describe(
                                    "metrics",
                                    m.host(),
                                    port,
                                    "metrics.port, or metrics.enabled: false",
                                    "metrics.host",
                                    e),
                            e);
                }
            } catch (IOException e) {
                throw new IOException(
                        ListenFailure.describe(
                                "metrics",
                                m.host(),
                                port,
                                "metrics.port, or metrics.enabled: false",
                                "metrics.host",
                                e),
                        e);
            }
        }
        log.warn(
                "metrics: ports {} to {} are in use; no metrics endpoint (set metrics.port to choose one)",
                m.port(),
                m.port() + tries - 1);
        return null;
    }

    private long ticks;
    private volatile Supplier<List<ReplicationSource>> replicationSources = List::of;
    private ReplicationWatch replicationWatch;

    private void tick() {
        try {
            stats.tick();
            replicationWatch.check(replicationSources.get());
            if (detector != null && ++ticks % 5 == 0) {
                detector.tick();
            }
        } catch (RuntimeException e) {
            log.warn("observability housekeeping failed", e);
        }
    }

    /**
     * The dispatcher with the decorators around it, outermost first: instrumentation (timing, entry
     * counts, then statistics, metrics, detection and the access log are told), enforcement of the
     * detections' actions, and the audit of secrets read (when a rule may show one). (cn=Monitor is a
     * live context the operations answer: see {@link MonitorContext}.)
     */
    public RequestHandler wrap(RequestHandler dispatcher) {
        RequestHandler handler = dispatcher;
        if (securityStream != null
                && AccessControl.mayShowSecrets(directory.config().accessRules())) {
            handler = new SecretReads(handler, secrets, securityEvents);
        }
        if (detector != null) {
            handler = new EnforcingHandler(handler, detector, settings.detection(), directory.schema());
        }
        List<OperationObserver> observers = new ArrayList<>();
        observers.add(stats);
        if (metrics != null) {
            observers.add(metrics);
        }
        if (detector != null) {
            observers.add(detector);
        }
        if (accessLog != null) {
            observers.add(accessLog);
        }
        BindClassifier binds = new BindClassifier(
                directory.backend(),
                directory.schema(),
                directory.config().rootDn(),
                new EntryLockouts(directory.schema()));
        return new InstrumentedHandler(handler, stats, binds, observers);
    }

    private MonitorSources sources() {
        return new MonitorSources(
                version,
                startMillis,
                () -> listeners,
                connections,
                stats,
                directory.backend(),
                store,
                detector,
                passwordPolicy,
                cldap,
                () -> replicationSources.get(),
                directory.syncs());
    }

    /** What the transport tells about connections, Unbind and Abandon. */
    public ConnectionObserver connectionObserver() {
        AccessLog access = accessLog;
        return new ConnectionObserver() {
            @Override
            public void opened(Session session, String listener, String localAddress, IntSupplier inFlight) {
                connections.opened(session, listener, localAddress, inFlight);
                if (access != null) {
                    access.opened(session, listener, localAddress, inFlight);
                }
            }

            @Override
            public void closed(Session session) {
                connections.closed(session);
                if (access != null) {
                    access.closed(session);
                }
            }

            @Override
            public void unbind(Session session, int messageId) {
                stats.started(OperationKind.UNBIND);
                stats.completed(OperationKind.UNBIND, null);
                if (access != null) {
                    access.unbind(session, messageId);
                }
            }

            @Override
            public void startTls(Session session, int messageId, dev.linden.protocol.ResultCode result) {
                stats.started(OperationKind.EXTENDED);
                stats.completed(OperationKind.EXTENDED, result);
                if (access != null) {
                    access.startTls(session, messageId, result);
                }
            }

            @Override
            public void abandon(Session session, int messageId, int idToAbandon) {
                stats.started(OperationKind.ABANDON);
                stats.completed(OperationKind.ABANDON, null);
                if (access != null) {
                    access.abandon(session, messageId, idToAbandon);
                }
            }
        };
    }

    /** The listeners, once the transport listens (for cn=Listeners,cn=Monitor and the connection gauges). */
    /** The providers this server replicates from, once its consumers run (for cn=Monitor, the metrics and alerts). */
    public void replicationSources(Supplier<List<ReplicationSource>> sources) {
        this.replicationSources = sources;
    }

    public void listeners(List<Listener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** The metrics endpoint's port, or -1 when metrics are off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.getPort();
    }

    public OperationStats stats() {
        return stats;
    }

    /** The CLDAP listener's counters, which the metrics and cn=Monitor read. */
    public CldapStats cldap() {
        return cldap;
    }

    /** Where security events from outside the request path (the CLDAP listener's drops) go: the security log. */
    public Consumer<SecurityEvent> securityEvents() {
        return securityEvents;
    }

    /** The attack detection, or null when it is off. */
    public Detector detector() {
        return detector;
    }

    public ObservabilitySettings settings() {
        return settings;
    }

    /** Stops the metrics endpoint and writes out and closes the logs. */
    @Override
    public void close() {
        ticker.shutdownNow();
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (detector != null) {
            detector.tick(); // ended alerts are logged before the log closes
        }
        if (accessStream != null) {
            accessStream.close();
        }
        if (securityStream != null) {
            securityStream.close();
        }
    }
}
