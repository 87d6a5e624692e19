package dev.linden.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.linden.backend.ChangelogSettings;
import dev.linden.protocol.SearchScope;
import dev.linden.server.replication.ReplicationSettings;
import dev.linden.server.replication.SyncSourceSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code serverId} key and the {@code replication:} section of linden.yaml, checked. */
public final class ReplicationConfig {
    private ReplicationConfig() {}

    /** The section as written. */
    public record Replication(
            @JsonProperty("sources") List<Source> sources,
            @JsonProperty("changelog") Changelog changelog,
            @JsonProperty("readOnly") String readOnly,
            @JsonProperty("consumers") List<String> consumers) {}

    /** One provider to replicate from. */
    public record Source(
            @JsonProperty("rid") Integer rid,
            @JsonProperty("provider") String provider,
            @JsonProperty("startTls") Boolean startTls,
            @JsonProperty("bindDn") String bindDn,
            @JsonProperty("password") String password,
            @JsonProperty("passwordFile") String passwordFile,
            @JsonProperty("saslExternal") Boolean saslExternal,
            @JsonProperty("caFile") String caFile,
            @JsonProperty("clientCertificate") String clientCertificate,
            @JsonProperty("clientKey") String clientKey,
            @JsonProperty("base") String base,
            @JsonProperty("scope") String scope,
            @JsonProperty("filter") String filter,
            @JsonProperty("attributes") List<String> attributes,
            @JsonProperty("type") String type,
            @JsonProperty("intervalSeconds") Integer intervalSeconds,
            @JsonProperty("retrySeconds") List<Integer> retrySeconds,
            @JsonProperty("timeoutSeconds") Integer timeoutSeconds,
            @JsonProperty("alertAfterSeconds") Integer alertAfterSeconds,
            @JsonProperty("alertDelaySeconds") Integer alertDelaySeconds) {}

    /** How long the changelog keeps changes. */
    public record Changelog(
            @JsonProperty("maxChanges") Long maxChanges,
            @JsonProperty("maxAgeDays") Integer maxAgeDays) {}

    static ChangelogSettings changelog(Integer serverId, Replication r, String origin) throws ConfigException {
        int sid = serverId == null ? ChangelogSettings.DEFAULT.serverId() : serverId;
        if (sid < 1 || sid > 4095) {
            throw new ConfigException(origin + ": serverId must be within 1-4095 (distinct per server of a replicated"
                    + " directory), not " + sid);
        }
        Changelog c = r == null || r.changelog() == null ? new Changelog(null, null) : r.changelog();
        long max = c.maxChanges() == null ? ChangelogSettings.DEFAULT.maxChanges() : c.maxChanges();
        long days = c.maxAgeDays() == null ? ChangelogSettings.DEFAULT.maxAgeSeconds() / 86_400 : c.maxAgeDays();
        if (max < 1 || days < 1) {
            throw new ConfigException(origin + ": replication.changelog keeps at least 1 change for at least 1 day");
        }
        return new ChangelogSettings(sid, max, days * 86_400);
    }

    static List<SyncSourceSettings> sources(Replication r, String suffix, String origin) throws ConfigException {
        List<SyncSourceSettings> out = new ArrayList<>();
        if (r == null || r.sources() == null) {
            return out;
        }
        for (int i = 0; i < r.sources().size(); i++) {
            out.add(source(r.sources().get(i), suffix, origin + ": replication.sources[" + i + "]"));
        }
        return out;
    }

    private static SyncSourceSettings source(Source s, String suffix, String where) throws ConfigException {
        if (s.provider() == null) {
            throw new ConfigException(where + ": provider is required (ldap://host:port or ldaps://host:port)");
        }
        URI url;
        try {
            url = new URI(s.provider());
        } catch (URISyntaxException e) {
            throw new ConfigException(where + ": provider " + s.provider() + " is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps") || url.getHost() == null) {
            throw new ConfigException(
                    where + ": provider must be ldap://host:port or ldaps://host:port, not " + s.provider());
        }
        boolean external = Boolean.TRUE.equals(s.saslExternal());
        String password = s.password();
        if (s.passwordFile() != null) {
            try {
                password = Files.readString(Path.of(s.passwordFile())).strip();
            } catch (java.io.IOException e) {
                throw new ConfigException(where + ": passwordFile: cannot read " + s.passwordFile());
            }
        }
        if (!external && (s.bindDn() == null || password == null)) {
            throw new ConfigException(
                    where + ": bindDn and password (or passwordFile) are required, or saslExternal: true"
                            + " with clientCertificate and clientKey");
        }
        if (external && (s.clientCertificate() == null || s.clientKey() == null)) {
            throw new ConfigException(where + ": saslExternal needs clientCertificate and clientKey (PEM)");
        }
        String type = s.type() == null ? "refreshAndPersist" : s.type();
        boolean persist = switch (type.toLowerCase(Locale.ROOT)) {
            case "refreshandpersist" -> true;
            case "refreshonly" -> false;
            default ->
                throw new ConfigException(where + ": type must be refreshAndPersist or refreshOnly, not " + type);
        };
        SearchScope scope;
        try {
            scope = s.scope() == null
                    ? SearchScope.SUB
                    : SearchScope.valueOf(s.scope().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": scope must be base, one, sub or subordinates, not " + s.scope());
        }
        List<Integer> retry = s.retrySeconds() == null ? List.of(5, 10, 30, 60) : s.retrySeconds();
        if (retry.isEmpty() || retry.stream().anyMatch(x -> x == null || x < 1)) {
            throw new ConfigException(where + ": retrySeconds is a list of waits of at least 1 s");
        }
        try {
            return new SyncSourceSettings(
                    s.rid() == null ? 1 : s.rid(),
                    url,
                    Boolean.TRUE.equals(s.startTls()),
                    s.bindDn(),
                    password,
                    external,
                    path(s.caFile(), where + ": caFile"),
                    path(s.clientCertificate(), where + ": clientCertificate"),
                    path(s.clientKey(), where + ": clientKey"),
                    s.base() == null ? suffix : s.base(),
                    scope,
                    s.filter() == null ? "(objectClass=*)" : s.filter(),
                    s.attributes() == null ? List.of("*", "+") : s.attributes(),
                    persist,
                    s.intervalSeconds() == null ? 60 : Math.max(1, s.intervalSeconds()),
                    retry,
                    s.timeoutSeconds() == null ? 30 : Math.max(1, s.timeoutSeconds()),
                    s.alertAfterSeconds() == null ? 60 : Math.max(1, s.alertAfterSeconds()),
                    s.alertDelaySeconds() == null ? 300 : Math.max(1, s.alertDelaySeconds()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }

    /** The whole section, checked, with {@code serverId}. */
    static ReplicationSettings settings(Integer serverId, Replication r, String suffix, String origin)
            throws ConfigException {
        List<SyncSourceSettings> sources = sources(r, suffix, origin);
        ReplicationSettings.ReadOnly readOnly = readOnly(r, !sources.isEmpty(), origin);
        boolean meshMember = !sources.isEmpty() && readOnly == ReplicationSettings.ReadOnly.OFF; // writable, with peers
        return new ReplicationSettings(
                changelog(serverId, r, origin).keepingState(meshMember),
                sources,
                readOnly,
                r == null || r.consumers() == null ? List.of() : r.consumers());
    }

    static ReplicationSettings.ReadOnly readOnly(Replication r, boolean hasSources, String origin)
            throws ConfigException {
        if (r == null || r.readOnly() == null) {
            return hasSources ? ReplicationSettings.ReadOnly.REFERRAL : ReplicationSettings.ReadOnly.OFF;
        }
        try {
            return ReplicationSettings.ReadOnly.valueOf(r.readOnly().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    origin + ": replication.readOnly must be off, refuse or referral, not " + r.readOnly());
        }
    }

    private static Path path(String file, String key) throws ConfigException {
        if (file == null) {
            return null;
        }
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new ConfigException(key + ": cannot read " + p);
        }
        return p;
    }
}
