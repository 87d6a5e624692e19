package dev.linden.server.config;

import dev.linden.backend.BackendConfig;
import dev.linden.backend.IndexKind;
import dev.linden.core.SecurityRules;
import dev.linden.core.acl.AccessRuleSpec;
import dev.linden.core.acl.AccessRules;
import dev.linden.core.ppolicy.Policy;
import dev.linden.core.sasl.SaslConfig;
import dev.linden.core.throttle.ThrottleSettings;
import dev.linden.server.Limits;
import dev.linden.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the YAML configuration, applies defaults and checks every value, naming file, line and key in errors. */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static Settings load(Path file) throws ConfigException {
        return settings(read(file), file.toString());
    }

    /** The file as written, before defaults and checks (so flags can override it first). */
    public static LindenConfig read(Path file) throws ConfigException {
        return YamlConfigReader.read(file);
    }

    public static Settings parse(String yaml, String origin) throws ConfigException {
        return settings(YamlConfigReader.readText(yaml, origin), origin);
    }

    /** Applies defaults and validates; public so the command line can build settings from flags alone. */
    public static Settings settings(LindenConfig c, String origin) throws ConfigException {
        LindenConfig.Listen listen = c.listen() == null ? new LindenConfig.Listen(null, null) : c.listen();
        TlsSettings tls = tls(c.tls(), c.dataDir() == null ? "linden-data" : c.dataDir(), origin);
        int port = orDefault(listen.port(), 389);
        if (port < 0 || port > 65535) {
            throw new ConfigException(origin + ": listen.port " + port + " is not a TCP port (0-65535)");
        }
        SecurityRules security = security(c.security()).withTlsAvailable(tls != null);
        String host = listen.host() == null ? "0.0.0.0" : listen.host();
        LoginCheck.someoneCanBind(security, host, origin);
        String storage = c.storage() == null ? "lmdb" : c.storage().toLowerCase(Locale.ROOT);
        if (!storage.equals("lmdb") && !storage.equals("memory")) {
            throw new ConfigException(origin + ": storage must be 'lmdb' or 'memory', not '" + c.storage() + "'");
        }
        String suffix = c.suffix() == null ? "dc=example,dc=com" : c.suffix();
        String rootDn = c.rootDn() == null ? "cn=admin," + suffix : c.rootDn();
        if (c.rootPassword() == null || c.rootPassword().isEmpty()) {
            throw new ConfigException(
                    origin + ": rootPassword is required (a hash from 'linden hash-password', or cleartext)");
        }
        LindenConfig.LimitsConfig l = c.limits() == null
                ? new LindenConfig.LimitsConfig(
                        null, null, null, null, null, null, null, null, null, null, null, null, null)
                : c.limits();
        Limits defaults = Limits.defaults();
        Limits transport = new Limits(
                positive(l.maxPduBytes(), defaults.maxPduBytes(), "limits.maxPduBytes", origin),
                positive(
                        l.maxPduAnonymousBytes(),
                        defaults.maxPduAnonymousBytes(),
                        "limits.maxPduAnonymousBytes",
                        origin),
                atLeastZero(l.idleTimeoutSeconds(), defaults.idleTimeoutSeconds(), "limits.idleTimeoutSeconds", origin),
                positive(l.maxConnections(), defaults.maxConnections(), "limits.maxConnections", origin),
                positive(l.workerThreads(), defaults.workerThreads(), "limits.workerThreads", origin),
                positive(
                        l.maxConnectionsPerAddress(),
                        defaults.maxConnectionsPerAddress(),
                        "limits.maxConnectionsPerAddress",
                        origin),
                positive(
                        l.maxOutstandingPerConnection(),
                        defaults.maxOutstandingPerConnection(),
                        "limits.maxOutstandingPerConnection",
                        origin),
                atLeast(1024, l.writeBufferBytes(), defaults.writeBufferBytes(), "limits.writeBufferBytes", origin),
                atLeastZero(
                        l.writeTimeoutSeconds(), defaults.writeTimeoutSeconds(), "limits.writeTimeoutSeconds", origin));
        dev.linden.server.cldap.CldapSettings cldap =
                CldapConfig.cldap(c.cldap(), listen.host() == null ? "0.0.0.0" : listen.host(), origin);
        return new Settings(
                host,
                port,
                suffix,
                rootDn,
                c.rootPassword(),
                Path.of(c.dataDir() == null ? "linden-data" : c.dataDir()),
                storage,
                (c.mapSizeMb() == null ? 10_240L : c.mapSizeMb()) * 1024 * 1024,
                c.passwordScheme() == null ? "ARGON2" : c.passwordScheme().toUpperCase(Locale.ROOT),
                Boolean.TRUE.equals(c.anonymousRead()),
                indexes(c.indexes(), origin),
                atLeastZero(l.sizeLimit(), 500, "limits.sizeLimit", origin),
                atLeastZero(l.timeLimitSeconds(), 3600, "limits.timeLimitSeconds", origin),
                positive(l.unindexedSearchLimit(), 100_000, "limits.unindexedSearchLimit", origin),
                transport,
                schemaFiles(c.schemaFiles(), origin),
                ldapsPort(listen, c.tls(), tls, origin),
                tls,
                security,
                accessRules(c.access(), suffix, Boolean.TRUE.equals(c.anonymousRead())),
                sasl(c.sasl(), origin)
                        .withClientCertificates(tls != null && tls.clientAuth() != TlsSettings.ClientAuth.NONE),
                passwordPolicy(c.passwordPolicy(), origin),
                throttle(c.throttle(), origin),
                groups(c.groups(), origin),
                anonymousLimits(l.anonymous(), origin),
                c.largeValues() == null || c.largeValues().types() == null
                        ? dev.linden.backend.BackendConfig.DEFAULT_LARGE_VALUE_TYPES
                        : c.largeValues().types(),
                largeValueThreshold(c.largeValues(), origin),
                ObservabilityConfig.settings(
                        c,
                        Path.of(c.dataDir() == null ? "linden-data" : c.dataDir()),
                        adminsGroup(c.access(), suffix),
                        origin),
                CldapConfig.netlogon(c.netlogon(), cldap.enabled(), suffix, origin),
                cldap,
                listen.ldapsPort() == null,
                ReplicationConfig.settings(c.serverId(), c.replication(), suffix, origin),
                entryCacheBytes(c.entryCacheMb(), origin),
                ExtensionsConfig.settings(c.referral(), c.extensions(), origin));
    }

    private static dev.linden.core.SearchLimits anonymousLimits(LindenConfig.AnonymousLimits a, String origin)
            throws ConfigException {
        var d = dev.linden.core.SearchLimits.ANONYMOUS_DEFAULT;
        if (a == null) {
            return d;
        }
        return new dev.linden.core.SearchLimits(
                atLeastZero(a.sizeLimit(), d.sizeLimit(), "limits.anonymous.sizeLimit", origin),
                atLeastZero(a.timeLimitSeconds(), d.timeLimitSeconds(), "limits.anonymous.timeLimitSeconds", origin),
                positive(
                        a.unindexedSearchLimit(), d.unindexedLimit(), "limits.anonymous.unindexedSearchLimit", origin));
    }

    private static long entryCacheBytes(Long mb, String origin) throws ConfigException {
        if (mb == null) {
            return dev.linden.backend.BackendConfig.DEFAULT_ENTRY_CACHE_BYTES;
        }
        if (mb < 0 || mb > 1L << 20) {
            throw new ConfigException(origin + ": entryCacheMb must be 0 (no cache) to 1048576, not " + mb);
        }
        return mb << 20;
    }

    private static int largeValueThreshold(LindenConfig.LargeValues v, String origin) throws ConfigException {
        int threshold = orDefault(
                v == null ? null : v.threshold(), dev.linden.backend.BackendConfig.DEFAULT_LARGE_VALUE_THRESHOLD);
        if (threshold < 0) {
            throw new ConfigException(
                    origin + ": largeValues.threshold must be 0 (values always kept apart) or more, not " + threshold);
        }
        return threshold;
    }

    private static dev.linden.core.groups.GroupSettings groups(LindenConfig.Groups g, String origin)
            throws ConfigException {
        var d = dev.linden.core.groups.GroupSettings.DEFAULT;
        if (g == null) {
            return d;
        }
        boolean nested = false;
        if (g.memberOf() != null) {
            switch (g.memberOf().toLowerCase(Locale.ROOT)) {
                case "direct" -> nested = false;
                case "nested" -> nested = true;
                default ->
                    throw new ConfigException(
                            origin + ": groups.memberOf must be direct or nested, not '" + g.memberOf() + "'");
            }
        }
        return new dev.linden.core.groups.GroupSettings(
                nested, g.referentialIntegrity() == null ? d.referentialIntegrity() : g.referentialIntegrity());
    }

    private static SaslConfig sasl(LindenConfig.Sasl s, String origin) throws ConfigException {
        if (s == null) {
            return SaslConfig.DEFAULT;
        }
        SaslConfig.ExternalMapping mapping;
        try {
            mapping = s.externalMapping() == null
                    ? SaslConfig.ExternalMapping.SUBJECT
                    : SaslConfig.ExternalMapping.valueOf(s.externalMapping().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    origin + ": sasl.externalMapping must be subject or search, not '" + s.externalMapping() + "'");
        }
        try {
            return new SaslConfig(mapping, s.externalFilter(), s.proxyUsers(), false);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": sasl." + e.getMessage());
        }
    }

    private static Policy passwordPolicy(LindenConfig.PasswordPolicy p, String origin) throws ConfigException {
        Policy d = Policy.DEFAULT;
        if (p == null) {
            return d;
        }
        int quality = atLeastZero(p.checkQuality(), d.checkQuality(), "passwordPolicy.checkQuality", origin);
        if (quality > 2) {
            throw new ConfigException(origin
                    + ": passwordPolicy.checkQuality must be 0 (off), 1 (when possible) or 2 (always), not " + quality);
        }
        return new Policy(
                atLeastZero(p.minAge(), d.minAge(), "passwordPolicy.minAge", origin),
                atLeastZero(p.maxAge(), d.maxAge(), "passwordPolicy.maxAge", origin),
                atLeastZero(p.inHistory(), d.inHistory(), "passwordPolicy.inHistory", origin),
                quality,
                atLeastZero(p.minLength(), d.minLength(), "passwordPolicy.minLength", origin),
                atLeastZero(p.expireWarning(), d.expireWarning(), "passwordPolicy.expireWarning", origin),
                atLeastZero(p.graceAuthNLimit(), d.graceAuthNLimit(), "passwordPolicy.graceAuthNLimit", origin),
                p.mustChange() == null ? d.mustChange() : p.mustChange(),
                p.allowUserChange() == null ? d.allowUserChange() : p.allowUserChange(),
                p.safeModify() == null ? d.safeModify() : p.safeModify(),
                p.lockout() == null ? d.lockout() : p.lockout(),
                atLeastZero(p.lockoutDuration(), d.lockoutDuration(), "passwordPolicy.lockoutDuration", origin),
                atLeastZero(p.maxFailure(), d.maxFailure(), "passwordPolicy.maxFailure", origin),
                atLeastZero(
                        p.failureCountInterval(),
                        d.failureCountInterval(),
                        "passwordPolicy.failureCountInterval",
                        origin));
    }

    private static ThrottleSettings throttle(LindenConfig.Throttle t, String origin) throws ConfigException {
        ThrottleSettings d = ThrottleSettings.DEFAULT;
        if (t == null) {
            return d;
        }
        int maxDelay = atLeastZero(t.maxDelayMillis(), d.maxDelayMillis(), "throttle.maxDelayMillis", origin);
        if (maxDelay > 10_000) {
            throw new ConfigException(origin
                    + ": throttle.maxDelayMillis is at most 10000 (a delay holds a worker thread), not " + maxDelay);
        }
        return new ThrottleSettings(
                t.enabled() == null ? d.enabled() : t.enabled(),
                positive(t.windowSeconds(), d.windowSeconds(), "throttle.windowSeconds", origin),
                atLeastZero(t.accountDelayAfter(), d.accountDelayAfter(), "throttle.accountDelayAfter", origin),
                atLeastZero(t.addressDelayAfter(), d.addressDelayAfter(), "throttle.addressDelayAfter", origin),
                atLeastZero(t.baseDelayMillis(), d.baseDelayMillis(), "throttle.baseDelayMillis", origin),
                maxDelay,
                atLeastZero(t.addressBlockAfter(), d.addressBlockAfter(), "throttle.addressBlockAfter", origin),
                atLeastZero(t.blockSeconds(), d.blockSeconds(), "throttle.blockSeconds", origin),
                positive(t.maxDelayedBinds(), d.maxDelayedBinds(), "throttle.maxDelayedBinds", origin),
                atLeastZero(t.familiarDays(), d.familiarDays(), "throttle.familiarDays", origin));
    }

    /**
     * The certificate: as configured; none with {@code enabled: false}; else (no tls section) a
     * self-signed one made on first start in {@code <dataDir>/tls}, so a server started from flags
     * alone can be logged into over StartTLS.
     */
    private static TlsSettings tls(LindenConfig.Tls t, String dataDir, String origin) throws ConfigException {
        if (t == null) {
            Path dir = Path.of(dataDir).resolve("tls");
            return new TlsSettings(
                    dir.resolve("cert.pem"),
                    dir.resolve("key.pem"),
                    null,
                    null,
                    TlsSettings.ClientAuth.NONE,
                    null,
                    true);
        }
        if (Boolean.FALSE.equals(t.enabled())) {
            return null;
        }
        TlsSettings.ClientAuth clientAuth;
        try {
            clientAuth = t.clientAuth() == null
                    ? (t.clientCa() == null ? TlsSettings.ClientAuth.NONE : TlsSettings.ClientAuth.OPTIONAL)
                    : TlsSettings.ClientAuth.valueOf(t.clientAuth().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    origin + ": tls.clientAuth must be none, optional or require, not '" + t.clientAuth() + "'");
        }
        if (clientAuth != TlsSettings.ClientAuth.NONE && t.clientCa() == null) {
            throw new ConfigException(origin + ": tls.clientAuth " + t.clientAuth()
                    + " needs tls.clientCa (the CA certificates that sign client certificates)");
        }
        Path clientCa = t.clientCa() == null ? null : readable(t.clientCa(), "tls.clientCa", origin);
        boolean noFiles = t.certificate() == null && t.privateKey() == null && t.keystore() == null;
        if (Boolean.TRUE.equals(t.selfSigned()) || (Boolean.TRUE.equals(t.enabled()) && noFiles)) {
            Path dir = Path.of(dataDir).resolve("tls");
            return new TlsSettings(
                    dir.resolve("cert.pem"), dir.resolve("key.pem"), null, null, clientAuth, clientCa, true);
        }
        if (t.keystore() != null) {
            return new TlsSettings(
                    null,
                    null,
                    readable(t.keystore(), "tls.keystore", origin),
                    t.keystorePassword(),
                    clientAuth,
                    clientCa,
                    false);
        }
        if (t.certificate() == null || t.privateKey() == null) {
            throw new ConfigException(
                    origin + ": tls needs certificate and privateKey (PEM), a keystore (PKCS#12), or selfSigned: true");
        }
        return new TlsSettings(
                readable(t.certificate(), "tls.certificate", origin),
                readable(t.privateKey(), "tls.privateKey", origin),
                null,
                null,
                clientAuth,
                clientCa,
                false);
    }

    private static Path readable(String file, String key, String origin) throws ConfigException {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new ConfigException(origin + ": " + key + ": cannot read " + p);
        }
        return p;
    }

    /**
     * LDAPS: on the port given; else on 636 when a tls section is given, and not at all with the
     * certificate made by default (StartTLS on the LDAP port serves it, and two servers started
     * with defaults must not both want 636).
     */
    private static int ldapsPort(
            LindenConfig.Listen listen, LindenConfig.Tls tlsSection, TlsSettings tls, String origin)
            throws ConfigException {
        if (tls == null) {
            if (listen.ldapsPort() != null && listen.ldapsPort() >= 0) {
                throw new ConfigException(origin + ": listen.ldapsPort needs TLS, which tls.enabled: false turns off");
            }
            return -1;
        }
        if (tlsSection == null && listen.ldapsPort() == null) {
            return -1;
        }
        int port = listen.ldapsPort() == null ? 636 : listen.ldapsPort();
        if (port < -1 || port > 65535) {
            throw new ConfigException(origin + ": listen.ldapsPort " + port + " is not a TCP port (0-65535)");
        }
        return port;
    }

    /** The administrators' group: as configured (blank: none), or cn=admins,ou=groups under the suffix. */
    private static String adminsGroup(LindenConfig.Access access, String suffix) {
        if (access != null && access.adminsGroup() != null) {
            return access.adminsGroup().isBlank() ? null : access.adminsGroup();
        }
        return "cn=admins,ou=groups," + suffix;
    }

    private static List<AccessRuleSpec> accessRules(LindenConfig.Access access, String suffix, boolean anonymousRead) {
        String group = adminsGroup(access, suffix);
        if (access == null || access.rules() == null) {
            return AccessRules.defaults(group, anonymousRead);
        }
        List<AccessRuleSpec> specs = new java.util.ArrayList<>();
        for (LindenConfig.Rule r : access.rules()) {
            LindenConfig.To to = r.to() == null ? new LindenConfig.To(null, null, null, null) : r.to();
            List<AccessRuleSpec.ClauseSpec> clauses = new java.util.ArrayList<>();
            for (LindenConfig.By b : r.by() == null ? List.<LindenConfig.By>of() : r.by()) {
                clauses.add(new AccessRuleSpec.ClauseSpec(
                        b.who(), b.dn(), b.under(), b.group(), b.tls(), b.address(), b.grant()));
            }
            specs.add(new AccessRuleSpec(to.subtree(), to.dnRegex(), to.filter(), to.attrs(), clauses));
        }
        return specs;
    }

    private static SecurityRules security(LindenConfig.Security s) {
        if (s == null) {
            return SecurityRules.DEFAULT;
        }
        return new SecurityRules(
                s.requireTlsForBind() == null || s.requireTlsForBind(),
                Boolean.TRUE.equals(s.requireTls()),
                Boolean.TRUE.equals(s.loopbackExempt()),
                false);
    }

    private static List<Path> schemaFiles(List<String> given, String origin) throws ConfigException {
        if (given == null) {
            return List.of();
        }
        Path base = origin.endsWith(".yaml") || origin.endsWith(".yml")
                ? Path.of(origin).toAbsolutePath().getParent()
                : null;
        List<Path> files = new java.util.ArrayList<>();
        for (String f : given) {
            Path p = base == null ? Path.of(f) : base.resolve(f); // relative to the configuration file
            if (!Files.isReadable(p)) {
                throw new ConfigException(origin + ": schemaFiles: cannot read " + p);
            }
            files.add(p);
        }
        return files;
    }

    private static Map<String, Set<IndexKind>> indexes(Map<String, List<String>> given, String origin)
            throws ConfigException {
        if (given == null) {
            return BackendConfig.defaultIndexes();
        }
        Map<String, Set<IndexKind>> out = new LinkedHashMap<>();
        for (var e : given.entrySet()) {
            Set<IndexKind> kinds = EnumSet.noneOf(IndexKind.class);
            for (String k : e.getValue() == null ? List.<String>of() : e.getValue()) {
                switch (k.toLowerCase(Locale.ROOT)) {
                    case "eq", "equality" -> kinds.add(IndexKind.EQUALITY);
                    case "pres", "presence" -> kinds.add(IndexKind.PRESENCE);
                    case "sub", "substring", "substrings" -> kinds.add(IndexKind.SUBSTRING);
                    default ->
                        throw new ConfigException(origin + ": indexes." + e.getKey() + ": unknown index kind '" + k
                                + "' (use equality, presence or substring)");
                }
            }
            out.put(e.getKey(), kinds);
        }
        return out;
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }

    private static int positive(Integer v, int d, String key, String origin) throws ConfigException {
        int value = orDefault(v, d);
        if (value <= 0) {
            throw new ConfigException(origin + ": " + key + " must be greater than 0, not " + value);
        }
        return value;
    }

    private static int atLeast(int least, Integer v, int d, String key, String origin) throws ConfigException {
        int value = orDefault(v, d);
        if (value < least) {
            throw new ConfigException(origin + ": " + key + " must be at least " + least + ", not " + value);
        }
        return value;
    }

    private static int atLeastZero(Integer v, int d, String key, String origin) throws ConfigException {
        int value = orDefault(v, d);
        if (value < 0) {
            throw new ConfigException(origin + ": " + key + " must be 0 (no limit) or more, not " + value);
        }
        return value;
    }
}
