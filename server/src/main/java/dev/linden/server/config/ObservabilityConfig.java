package dev.linden.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.linden.core.acl.AccessRuleSpec;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.LogSettings;
import dev.linden.observability.MetricsSettings;
import dev.linden.observability.MonitorSettings;
import dev.linden.observability.ObservabilitySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configuration sections of everything beside the request path — {@code accessLog},
 * {@code securityLog}, {@code metrics}, {@code monitor}, {@code detection} — as YAML, and their
 * defaults and checks.
 */
public final class ObservabilityConfig {
    private ObservabilityConfig() {}

    public record Log(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("format") String format,
            @JsonProperty("file") String file,
            @JsonProperty("maxFileSize") String maxFileSize,
            @JsonProperty("rotation") String rotation,
            @JsonProperty("maxHistory") Integer maxHistory,
            @JsonProperty("totalSizeCap") String totalSizeCap,
            @JsonProperty("queueSize") Integer queueSize) {}

    public record Metrics(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port,
            @JsonProperty("jvm") Boolean jvm) {}

    public record Monitor(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("readers") List<LindenConfig.By> readers) {}

    public record Detection(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("passwordSpray") PasswordSpray passwordSpray,
            @JsonProperty("bruteForce") BruteForce bruteForce,
            @JsonProperty("enumeration") Enumeration enumeration,
            @JsonProperty("secretProbes") SecretProbes secretProbes,
            @JsonProperty("throttleDelayMillis") Integer throttleDelayMillis,
            @JsonProperty("maxDelayedOperations") Integer maxDelayedOperations,
            @JsonProperty("maxTracked") Integer maxTracked,
            @JsonProperty("exemptAddresses") List<String> exemptAddresses,
            @JsonProperty("exemptIdentities") List<String> exemptIdentities) {}

    public record PasswordSpray(
            @JsonProperty("accounts") Integer accounts,
            @JsonProperty("windowSeconds") Integer windowSeconds,
            @JsonProperty("action") String action,
            @JsonProperty("actionSeconds") Integer actionSeconds) {}

    public record BruteForce(
            @JsonProperty("failures") Integer failures,
            @JsonProperty("windowSeconds") Integer windowSeconds,
            @JsonProperty("action") String action,
            @JsonProperty("actionSeconds") Integer actionSeconds) {}

    public record Enumeration(
            @JsonProperty("entries") Integer entries,
            @JsonProperty("minEntriesPerSearch") Integer minEntriesPerSearch,
            @JsonProperty("broadSearches") Integer broadSearches,
            @JsonProperty("pages") Integer pages,
            @JsonProperty("windowSeconds") Integer windowSeconds,
            @JsonProperty("factor") Integer factor,
            @JsonProperty("memoryHours") Integer memoryHours,
            @JsonProperty("action") String action,
            @JsonProperty("anonymousAction") String anonymousAction,
            @JsonProperty("actionSeconds") Integer actionSeconds) {}

    public record SecretProbes(
            @JsonProperty("probes") Integer probes,
            @JsonProperty("windowSeconds") Integer windowSeconds,
            @JsonProperty("action") String action,
            @JsonProperty("actionSeconds") Integer actionSeconds) {}

    /** Applies defaults and checks the values; relative log files are under {@code dataDir}. */
    static ObservabilitySettings settings(LindenConfig c, Path dataDir, String adminsGroup, String origin)
            throws ConfigException {
        return new ObservabilitySettings(
                log(c.accessLog(), "accessLog", dataDir, "logs/access.log", LogSettings.Format.LINE, origin),
                log(c.securityLog(), "securityLog", dataDir, "logs/security.log", LogSettings.Format.JSON, origin),
                metrics(c.metrics(), origin),
                monitor(c.monitor(), adminsGroup),
                withExempt(
                        detection(c.detection(), origin),
                        c.replication() == null || c.replication().consumers() == null
                                ? List.of()
                                : c.replication().consumers()));
    }

    /** Detection with the replication identities of this server's consumers exempt: a replica reads everything. */
    private static DetectionSettings withExempt(DetectionSettings d, List<String> more) {
        if (more.isEmpty()) {
            return d;
        }
        List<String> all = new java.util.ArrayList<>(d.exemptIdentities());
        all.addAll(more);
        return new DetectionSettings(
                d.enabled(),
                d.passwordSpray(),
                d.bruteForce(),
                d.enumeration(),
                d.secretProbes(),
                d.throttleDelayMillis(),
                d.maxDelayedOperations(),
                d.maxTracked(),
                d.exemptAddresses(),
                all);
    }

    private static LogSettings log(
            Log l, String key, Path dataDir, String defaultFile, LogSettings.Format defaultFormat, String origin)
            throws ConfigException {
        Log d = l == null ? new Log(null, null, null, null, null, null, null, null) : l;
        LogSettings.Format format =
                choice(d.format(), defaultFormat, LogSettings.Format.class, key + ".format", origin);
        LogSettings.Rotation rotation =
                choice(d.rotation(), LogSettings.Rotation.DAILY, LogSettings.Rotation.class, key + ".rotation", origin);
        Path file = Path.of(d.file() == null ? defaultFile : d.file());
        if (!file.isAbsolute()) {
            file = dataDir.resolve(file);
        }
        long maxFile = size(d.maxFileSize(), LogSettings.DEFAULT_MAX_FILE_BYTES, key + ".maxFileSize", origin);
        long cap = d.totalSizeCap() != null && d.totalSizeCap().strip().equals("0")
                ? 0
                : size(d.totalSizeCap(), LogSettings.DEFAULT_TOTAL_SIZE_CAP, key + ".totalSizeCap", origin);
        return new LogSettings(
                d.enabled() == null || d.enabled(),
                format,
                file,
                maxFile,
                rotation,
                positive(d.maxHistory(), LogSettings.DEFAULT_MAX_HISTORY, key + ".maxHistory", origin),
                cap,
                positive(d.queueSize(), LogSettings.DEFAULT_QUEUE_SIZE, key + ".queueSize", origin));
    }

    private static MetricsSettings metrics(Metrics m, String origin) throws ConfigException {
        if (m == null) {
            return MetricsSettings.DEFAULT;
        }
        int port = m.port() == null ? MetricsSettings.DEFAULT_PORT : m.port();
        if (port < 0 || port > 65535) {
            throw new ConfigException(origin + ": metrics.port " + port + " is not a TCP port (0-65535)");
        }
        return new MetricsSettings(
                m.enabled() == null || m.enabled(),
                m.host() == null ? "127.0.0.1" : m.host(),
                port,
                m.jvm() == null || m.jvm(),
                m.port() == null);
    }

    private static MonitorSettings monitor(Monitor m, String adminsGroup) {
        List<AccessRuleSpec.ClauseSpec> readers = new ArrayList<>();
        if (m != null && m.readers() != null) {
            for (LindenConfig.By b : m.readers()) {
                readers.add(new AccessRuleSpec.ClauseSpec(
                        b.who(), b.dn(), b.under(), b.group(), b.tls(), b.address(), List.of("read")));
            }
        } else if (adminsGroup != null) {
            readers.add(new AccessRuleSpec.ClauseSpec(null, null, null, adminsGroup, null, null, List.of("read")));
        }
        return new MonitorSettings(m == null || m.enabled() == null || m.enabled(), readers);
    }

    private static DetectionSettings detection(Detection d, String origin) throws ConfigException {
        DetectionSettings def = DetectionSettings.DEFAULT;
        if (d == null) {
            return def;
        }
        String k = "detection.";
        PasswordSpray ps = d.passwordSpray() == null ? new PasswordSpray(null, null, null, null) : d.passwordSpray();
        var psd = DetectionSettings.PasswordSpray.DEFAULT;
        BruteForce bf = d.bruteForce() == null ? new BruteForce(null, null, null, null) : d.bruteForce();
        var bfd = DetectionSettings.BruteForce.DEFAULT;
        Enumeration en = d.enumeration() == null
                ? new Enumeration(null, null, null, null, null, null, null, null, null, null)
                : d.enumeration();
        var end = DetectionSettings.Enumeration.DEFAULT;
        SecretProbes sp = d.secretProbes() == null ? new SecretProbes(null, null, null, null) : d.secretProbes();
        var spd = DetectionSettings.SecretProbes.DEFAULT;
        List<String> exempt = d.exemptAddresses() == null ? List.of() : d.exemptAddresses();
        for (String range : exempt) {
            try {
                dev.linden.core.acl.AddressRange.parse(range);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        origin + ": " + k + "exemptAddresses: '" + range + "' is not an address or CIDR range");
            }
        }
        return new DetectionSettings(
                d.enabled() == null || d.enabled(),
                new DetectionSettings.PasswordSpray(
                        positive(ps.accounts(), psd.accounts(), k + "passwordSpray.accounts", origin),
                        positive(ps.windowSeconds(), psd.windowSeconds(), k + "passwordSpray.windowSeconds", origin),
                        action(ps.action(), psd.action(), k + "passwordSpray.action", origin),
                        positive(ps.actionSeconds(), psd.actionSeconds(), k + "passwordSpray.actionSeconds", origin)),
                new DetectionSettings.BruteForce(
                        positive(bf.failures(), bfd.failures(), k + "bruteForce.failures", origin),
                        positive(bf.windowSeconds(), bfd.windowSeconds(), k + "bruteForce.windowSeconds", origin),
                        action(bf.action(), bfd.action(), k + "bruteForce.action", origin),
                        positive(bf.actionSeconds(), bfd.actionSeconds(), k + "bruteForce.actionSeconds", origin)),
                new DetectionSettings.Enumeration(
                        positive(en.entries(), end.entries(), k + "enumeration.entries", origin),
                        positive(
                                en.minEntriesPerSearch(),
                                end.minEntriesPerSearch(),
                                k + "enumeration.minEntriesPerSearch",
                                origin),
                        positive(en.broadSearches(), end.broadSearches(), k + "enumeration.broadSearches", origin),
                        positive(en.pages(), end.pages(), k + "enumeration.pages", origin),
                        positive(en.windowSeconds(), end.windowSeconds(), k + "enumeration.windowSeconds", origin),
                        positive(en.factor(), end.factor(), k + "enumeration.factor", origin),
                        positive(en.memoryHours(), end.memoryHours(), k + "enumeration.memoryHours", origin),
                        action(en.action(), end.action(), k + "enumeration.action", origin),
                        action(en.anonymousAction(), end.anonymousAction(), k + "enumeration.anonymousAction", origin),
                        positive(en.actionSeconds(), end.actionSeconds(), k + "enumeration.actionSeconds", origin)),
                new DetectionSettings.SecretProbes(
                        positive(sp.probes(), spd.probes(), k + "secretProbes.probes", origin),
                        positive(sp.windowSeconds(), spd.windowSeconds(), k + "secretProbes.windowSeconds", origin),
                        action(sp.action(), spd.action(), k + "secretProbes.action", origin),
                        positive(sp.actionSeconds(), spd.actionSeconds(), k + "secretProbes.actionSeconds", origin)),
                atMost(
                        positive(d.throttleDelayMillis(), def.throttleDelayMillis(), k + "throttleDelayMillis", origin),
                        10_000,
                        k + "throttleDelayMillis (a delay holds a worker thread)",
                        origin),
                positive(d.maxDelayedOperations(), def.maxDelayedOperations(), k + "maxDelayedOperations", origin),
                positive(d.maxTracked(), def.maxTracked(), k + "maxTracked", origin),
                exempt,
                d.exemptIdentities() == null ? List.of() : d.exemptIdentities());
    }

    private static DetectionSettings.Action action(String value, DetectionSettings.Action d, String key, String origin)
            throws ConfigException {
        return choice(value, d, DetectionSettings.Action.class, key, origin);
    }

    private static <E extends Enum<E>> E choice(String value, E d, Class<E> type, String key, String origin)
            throws ConfigException {
        if (value == null) {
            return d;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException(origin + ": " + key + " must be one of " + names + ", not '" + value + "'");
        }
    }

    /** "100MB", "512KB", "10GB" (powers of 1024) or a number of bytes. */
    static long size(String value, long d, String key, String origin) throws ConfigException {
        if (value == null) {
            return d;
        }
        String v = value.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (String[] u : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ConfigException(
                origin + ": " + key + " must be a size such as 100MB, 512KB or 1GB, not '" + value + "'");
    }

    private static int positive(Integer v, int d, String key, String origin) throws ConfigException {
        int value = v == null ? d : v;
        if (value <= 0) {
            throw new ConfigException(origin + ": " + key + " must be greater than 0, not " + value);
        }
        return value;
    }

    private static int atMost(int value, int max, String key, String origin) throws ConfigException {
        if (value > max) {
            throw new ConfigException(origin + ": " + key + " is at most " + max + ", not " + value);
        }
        return value;
    }
}
