package dev.linden.server;

import dev.linden.backend.Backend;
import dev.linden.backend.BackendConfig;
import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.Dispatcher;
import dev.linden.core.RequestHandler;
import dev.linden.core.acl.AccessRule;
import dev.linden.core.acl.AccessRules;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SchemaBuilder;
import dev.linden.model.schema.SchemaException;
import dev.linden.model.schema.SchemaLoader;
import dev.linden.observability.CountingStorage;
import dev.linden.observability.Observability;
import dev.linden.observability.monitor.Listener;
import dev.linden.server.cldap.CldapListener;
import dev.linden.server.config.ConfigException;
import dev.linden.server.config.Settings;
import dev.linden.server.replication.ReadOnlyReplica;
import dev.linden.server.replication.Replication;
import dev.linden.server.tls.SelfSignedCertificate;
import dev.linden.server.tls.TlsContext;
import dev.linden.server.tls.TlsSettings;
import dev.linden.storage.Storage;
import dev.linden.storage.StorageException;
import dev.linden.storage.lmdb.LmdbStorage;
import dev.linden.storage.memory.MemoryStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A running directory: storage, backend, operations and the listener, assembled from settings in one place. */
public final class Linden implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Linden.class);

    private final DataFolderLock lock;
    private final Backend backend;
    private final LdapServer server;
    private final Directory directory;
    private final Dispatcher dispatcher;
    private final Observability observability;
    private final CldapListener cldap;
    private Replication replication;

    private Linden(
            DataFolderLock lock,
            Backend backend,
            Directory directory,
            Dispatcher dispatcher,
            LdapServer server,
            Observability observability,
            CldapListener cldap) {
        this.lock = lock;
        this.cldap = cldap;
        this.backend = backend;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.server = server;
        this.observability = observability;
    }

    /** Work on the directory before any client can connect, such as loading sample data. */
    @FunctionalInterface
    public interface BeforeListening {
        void prepare(Directory directory) throws ConfigException;
    }

    /** Opens the store and the backend described by the settings (without listening), for offline tools too. */
    public static Backend openBackend(Settings settings, Schema schema) throws ConfigException {
        return openBackend(settings, schema, false);
    }

    /**
     * As {@link #openBackend(Settings, Schema)}; with {@code bulkLoad}, commits are flushed to disk once,
     * when the backend closes, not one by one (an offline import: see {@link LmdbStorage}).
     */
    public static Backend openBackend(Settings settings, Schema schema, boolean bulkLoad) throws ConfigException {
        Dn suffix = parseDn(settings.suffix(), "suffix", schema);
        Storage storage;
        try {
            storage = new CountingStorage(
                    settings.storage().equals("memory")
                            ? new MemoryStorage()
                            : new LmdbStorage(settings.dataDir(), settings.mapSizeBytes(), bulkLoad),
                    settings.storage());
        } catch (StorageException e) {
            throw new ConfigException("dataDir: " + e.getMessage() + "; check the folder's files and permissions, "
                    + "or choose another folder (--data or dataDir)");
        }
        try {
            return new Backend(
                    storage,
                    schema,
                    new BackendConfig(
                            List.of(suffix),
                            settings.indexes(),
                            settings.unindexedSearchLimit(),
                            settings.entryCacheBytes(),
                            settings.groups().referentialIntegrity(),
                            settings.largeValueTypes(),
                            settings.largeValueThreshold()),
                    settings.replication().changelog());
        } catch (IllegalArgumentException e) {
            storage.close();
            throw new ConfigException(
                    e.getMessage().startsWith("largeValues") ? e.getMessage() : "indexes: " + e.getMessage());
        }
    }

    /** The bundled schema, plus the configured schema files: a broken definition stops the start. */
    public static Schema schema(Settings settings) throws ConfigException {
        if (settings.schemaFiles().isEmpty()) {
            return Schema.standard();
        }
        SchemaBuilder builder = new SchemaBuilder();
        try {
            SchemaLoader.addBundled(builder);
            for (Path file : settings.schemaFiles()) {
                SchemaLoader.addFile(builder, file);
            }
            return builder.build();
        } catch (SchemaException | IOException e) {
            throw new ConfigException("schemaFiles: " + e.getMessage());
        }
    }

    public static Linden start(Settings settings) throws ConfigException, InterruptedException {
        return start(settings, directory -> {});
    }

    /**
     * Opens the store, runs {@code beforeListening} on it, then listens: a client that connects
     * finds the directory ready. Any setting or resource that does not work (a port, the data
     * folder, the certificate) is a ConfigException naming it and the fix, and nothing stays open.
     */
    public static Linden start(Settings settings, BeforeListening beforeListening)
            throws ConfigException, InterruptedException {
        Schema schema = schema(settings);
        Dn rootDn = parseDn(settings.rootDn(), "rootDn", schema);
        PasswordSchemes passwords = PasswordSchemes.standard();
        if (!settings.passwordScheme().equals("CLEARTEXT")
                && !passwords.schemeNames().contains(settings.passwordScheme())) {
            throw new ConfigException("passwordScheme: unknown scheme '" + settings.passwordScheme() + "' (use one of "
                    + passwords.schemeNames() + " or CLEARTEXT)");
        }
        try {
            settings.sasl().proxyDns(schema);
        } catch (LdapException e) {
            throw new ConfigException("sasl.proxyUsers: " + e.getMessage());
        }
        DataFolderLock lock = DataFolderLock.acquire(settings);
        try {
            return start(settings, schema, rootDn, passwords, lock, beforeListening);
        } catch (ConfigException | InterruptedException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Linden start(
            Settings settings,
            Schema schema,
            Dn rootDn,
            PasswordSchemes passwords,
            DataFolderLock lock,
            BeforeListening beforeListening)
            throws ConfigException, InterruptedException {
        Backend backend = openBackend(settings, schema);
        List<AccessRule> rules;
        try {
            rules = new java.util.ArrayList<>();
            if (settings.observability().monitor().enabled()) { // before every configured rule: only its readers see it
                rules.addAll(AccessRules.build(
                        List.of(dev.linden.observability.monitor.MonitorContext.readersRule(
                                settings.observability().monitor().readers())),
                        schema));
            }
            rules.addAll(AccessRules.build(settings.accessRules(), schema));
        } catch (IllegalArgumentException e) {
            backend.close();
            throw new ConfigException("access.rules: " + e.getMessage());
        }
        CoreConfig core = new CoreConfig(
                rootDn,
                settings.rootPassword(),
                settings.sizeLimit(),
                settings.timeLimitSeconds(),
                settings.anonymousRead(),
                settings.passwordScheme(),
                VERSION,
                settings.security(),
                rules,
                settings.sasl(),
                settings.passwordPolicy(),
                settings.throttle(),
                settings.groups(),
                settings.anonymousLimits(),
                replicators(settings, schema));
        TlsContext tls;
        try {
            tls = tlsContext(settings);
        } catch (ConfigException e) {
            backend.close();
            throw e;
        }
        Directory directory = new Directory(backend, schema, core, passwords, Clock.systemUTC(), settings.extensions());
        try {
            beforeListening.prepare(directory);
        } catch (ConfigException | RuntimeException e) {
            backend.close();
            throw e;
        }
        Dispatcher dispatcher;
        Observability observability;
        try {
            dispatcher = new Dispatcher(directory, settings.netlogon());
            observability = Observability.start(
                    settings.observability(),
                    directory,
                    backend.storage() instanceof CountingStorage c ? c : null,
                    VERSION,
                    dispatcher::securityCounters,
                    dispatcher.familiarAddresses());
        } catch (IOException | IllegalArgumentException e) {
            backend.close();
            throw new ConfigException(e.getMessage());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        LdapServer server = null;
        try {
            // the dispatcher inside the access log, metrics, detection and cn=monitor (see Observability.wrap)
            var replication = settings.replication();
            RequestHandler handler = observability.wrap(
                    replication.sources().isEmpty()
                            ? dispatcher
                            : new ReadOnlyReplica(
                                    dispatcher,
                                    replication.readOnly(),
                                    replication.sources().get(0).provider().toString()));
            server = new LdapServer(
                    handler,
                    observability.connectionObserver(),
                    settings.host(),
                    settings.port(),
                    ldapsPort(settings, tls),
                    tls,
                    settings.transport());
            CldapListener cldap = settings.cldap().enabled() ? cldap(settings, handler, observability) : null;
            observability.listeners(listeners(settings, server, cldap));
            try {
                observability.openMetricsEndpoint();
            } catch (IOException e) {
                if (cldap != null) {
                    cldap.close();
                }
                throw new ConfigException(e.getMessage());
            }
            Linden linden = new Linden(lock, backend, directory, dispatcher, server, observability, cldap);
            linden.replication = replication(settings, backend); // consumers start once the server answers
            Replication consumers = linden.replication;
            observability.replicationSources(
                    () -> consumers.statuses().stream().map(c -> c.snapshot()).toList());
            return linden;
        } catch (ConfigException | RuntimeException | InterruptedException e) {
            if (server != null) {
                server.close();
            }
            observability.close();
            backend.close();
            throw e;
        }
    }

    /** The DNs of replication.consumers: their synchronizations run without size and time limits. */
    private static java.util.Set<Dn> replicators(Settings settings, Schema schema) throws ConfigException {
        java.util.Set<Dn> dns = new java.util.HashSet<>();
        for (String dn : settings.replication().consumers()) {
            dns.add(parseDn(dn, "replication.consumers", schema));
        }
        return dns;
    }

    private static Replication replication(Settings settings, Backend backend) throws ConfigException {
        try {
            return Replication.start(
                    settings.replication().sources(),
                    backend,
                    settings.replication().readOnly()
                            == dev.linden.server.replication.ReplicationSettings.ReadOnly.OFF);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new ConfigException("replication: " + e.getMessage());
        }
    }

    /** The consumers of this server, one per configured source (none when it replicates from nobody). */
    public Replication replication() {
        return replication;
    }

    private static CldapListener cldap(Settings settings, RequestHandler handler, Observability observability)
            throws ConfigException, InterruptedException {
        try {
            return CldapListener.start(
                    settings.cldap(),
                    settings.netlogon(),
                    handler,
                    observability.cldap(),
                    observability.securityEvents());
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The LDAPS port to open: as configured; the default 636 only when it can be opened (else a warning). */
    private static int ldapsPort(Settings settings, TlsContext tls) {
        int port = settings.ldapsPort();
        if (tls == null || port < 0 || !settings.ldapsPortIsDefault() || PortProbe.canListen(settings.host(), port)) {
            return port;
        }
        log.warn(
                "LDAPS: the default port {} cannot be opened on {} (in use, or below 1024 without root); starting "
                        + "without LDAPS, StartTLS still works (set listen.ldapsPort to choose a port)",
                port,
                settings.host());
        return -1;
    }

    private static List<Listener> listeners(Settings settings, LdapServer server, CldapListener cldap) {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        List<Listener> list = new java.util.ArrayList<>();
        list.add(new Listener("ldap", "ldap://" + host + ":" + server.port()));
        if (server.ldapsPort() >= 0) {
            list.add(new Listener("ldaps", "ldaps://" + host + ":" + server.ldapsPort()));
        }
        if (cldap != null) {
            list.add(new Listener("cldap", "cldap://" + host + ":" + cldap.port()));
        }
        return list;
    }

    private static TlsContext tlsContext(Settings settings) throws ConfigException {
        TlsSettings t = settings.tls();
        if (t == null) {
            return null;
        }
        if (t.selfSigned()) {
            try {
                SelfSignedCertificate.ensure(t.certificate().getParent(), settings.host());
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new ConfigException("tls: cannot write a self-signed certificate in "
                        + t.certificate().getParent() + ": " + e.getMessage()
                        + "; the data folder must be writable, or give a certificate (tls.certificate)");
            }
        }
        try {
            return new TlsContext(t);
        } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            String files = t.usesKeystore() ? t.keystore().toString() : t.certificate() + " and " + t.privateKey();
            throw new ConfigException(
                    "tls: cannot use " + files + ": " + TlsContext.reason(e) + "; give a PEM certificate "
                            + "chain and its PKCS#8 private key (or a PKCS#12 keystore and its password)"
                            + (t.selfSigned() ? ", or delete both files to have new ones made" : ""));
        }
    }

    public int ldapsPort() {
        return server.ldapsPort();
    }

    private static Dn parseDn(String text, String key, Schema schema) throws ConfigException {
        try {
            return DnSyntax.parse(text, schema);
        } catch (LdapException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    public int port() {
        return server.port();
    }

    /** The CLDAP (UDP) port, or -1 when the CLDAP listener is off. */
    public int cldapPort() {
        return cldap == null ? -1 : cldap.port();
    }

    public Backend backend() {
        return backend;
    }

    public Directory directory() {
        return directory;
    }

    /** Failed binds by reason, lockouts and throttling since start (read-only, for monitoring). */
    public SecurityCounters.Snapshot securityCounters() {
        return dispatcher.securityCounters();
    }

    /** The access and security logs, metrics, cn=monitor and attack detection of this server. */
    public Observability observability() {
        return observability;
    }

    /** Stops listening, lets running operations finish, writes out the logs, closes the store. */
    @Override
    public void close() {
        if (replication != null) {
            replication.close(); // no more replicated writes once the store begins to close
        }
        if (cldap != null) {
            cldap.close();
        }
        server.close();
        observability.close();
        backend.close();
        lock.close();
    }
}
