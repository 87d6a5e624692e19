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
import java.io.IOException;
import java.nio.file.Path;
import dev.linden.server.cldap.CldapListener;
import dev.linden.server.config.ConfigException;
import dev.linden.server.config.Settings;
import dev.linden.server.tls.SelfSignedCertificate;
import dev.linden.server.tls.TlsContext;
import dev.linden.server.tls.TlsSettings;
import dev.linden.storage.Storage;
import dev.linden.storage.lmdb.LmdbStorage;
import dev.linden.storage.memory.MemoryStorage;
import java.time.Clock;
import java.util.List;

/** A running directory: storage, backend, operations and the listener, assembled from settings in one place. */
public final class Linden implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    private final Backend backend;
    private final LdapServer server;
    private final Directory directory;
    private final Dispatcher dispatcher;
    private final Observability observability;
    private final CldapListener cldap;

    private Linden(Backend backend, Directory directory, Dispatcher dispatcher, LdapServer server,
            Observability observability, CldapListener cldap) {
        this.cldap = cldap;
        this.backend = backend;
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.server = server;
        this.observability = observability;
    }

    /** Opens the store and the backend described by the settings (without listening), for offline tools too. */
    public static Backend openBackend(Settings settings, Schema schema) throws ConfigException {
        Dn suffix = parseDn(settings.suffix(), "suffix", schema);
        Storage storage = new CountingStorage(settings.storage().equals("memory") ? new MemoryStorage()
                : new LmdbStorage(settings.dataDir(), settings.mapSizeBytes()), settings.storage());
        try {
            return new Backend(storage, schema, new BackendConfig(List.of(suffix), settings.indexes(),
                    settings.unindexedSearchLimit(), BackendConfig.DEFAULT_ENTRY_CACHE,
                    settings.groups().referentialIntegrity(), settings.largeValueTypes(), settings.largeValueThreshold()));
        } catch (IllegalArgumentException e) {
            storage.close();
            throw new ConfigException(e.getMessage().startsWith("largeValues") ? e.getMessage() : "indexes: " + e.getMessage());
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
        Schema schema = schema(settings);
        Dn rootDn = parseDn(settings.rootDn(), "rootDn", schema);
        PasswordSchemes passwords = PasswordSchemes.standard();
        if (!settings.passwordScheme().equals("CLEARTEXT") && !passwords.schemeNames().contains(settings.passwordScheme())) {
            throw new ConfigException("passwordScheme: unknown scheme '" + settings.passwordScheme() + "' (use one of "
                    + passwords.schemeNames() + " or CLEARTEXT)");
        }
        try {
            settings.sasl().proxyDns(schema);
        } catch (LdapException e) {
            throw new ConfigException("sasl.proxyUsers: " + e.getMessage());
        }
        Backend backend = openBackend(settings, schema);
        List<AccessRule> rules;
        try {
            rules = new java.util.ArrayList<>();
            if (settings.observability().monitor().enabled()) { // before every configured rule: only its readers see it
                rules.addAll(AccessRules.build(List.of(dev.linden.observability.monitor.MonitorContext.readersRule(
                        settings.observability().monitor().readers())), schema));
            }
            rules.addAll(AccessRules.build(settings.accessRules(), schema));
        } catch (IllegalArgumentException e) {
            backend.close();
            throw new ConfigException("access.rules: " + e.getMessage());
        }
        CoreConfig core = new CoreConfig(rootDn, settings.rootPassword(), settings.sizeLimit(),
                settings.timeLimitSeconds(), settings.anonymousRead(), settings.passwordScheme(), VERSION,
                settings.security(), rules, settings.sasl(), settings.passwordPolicy(), settings.throttle(),
                settings.groups(), settings.anonymousLimits());
        TlsContext tls;
        try {
            tls = tlsContext(settings);
        } catch (ConfigException e) {
            backend.close();
            throw e;
        }
        Directory directory = new Directory(backend, schema, core, passwords, Clock.systemUTC());
        Dispatcher dispatcher;
        Observability observability;
        try {
            dispatcher = new Dispatcher(directory, settings.netlogon());
            observability = Observability.start(settings.observability(), directory,
                    backend.storage() instanceof CountingStorage c ? c : null, VERSION, dispatcher::securityCounters,
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
            RequestHandler handler = observability.wrap(dispatcher);
            server = new LdapServer(handler, observability.connectionObserver(),
                    settings.host(), settings.port(), settings.ldapsPort(), tls, settings.transport());
            CldapListener cldap = settings.cldap().enabled() ? cldap(settings, handler, observability) : null;
            observability.listeners(listeners(settings, server, cldap));
            return new Linden(backend, directory, dispatcher, server, observability, cldap);
        } catch (ConfigException | RuntimeException | InterruptedException e) {
            if (server != null) {
                server.close();
            }
            observability.close();
            backend.close();
            throw e;
        }
    }

    private static CldapListener cldap(Settings settings, RequestHandler handler, Observability observability)
            throws ConfigException, InterruptedException {
        try {
            return CldapListener.start(settings.cldap(), settings.netlogon(), handler, observability.cldap(),
                    observability.securityEvents());
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
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
        try {
            if (t.selfSigned()) {
                SelfSignedCertificate.ensure(t.certificate().getParent());
            }
            return new TlsContext(t);
        } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("tls: cannot load the certificate and key: " + e.getMessage());
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
        if (cldap != null) {
            cldap.close();
        }
        server.close();
        observability.close();
        backend.close();
    }
}
