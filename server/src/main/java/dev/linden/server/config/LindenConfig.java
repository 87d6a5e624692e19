package dev.linden.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The one configuration file, as YAML. Every field has a default, so an empty file is a working
 * (if unsuffixed) server; {@link ConfigLoader} checks the values and names the key of any mistake.
 */
public record LindenConfig(
        @JsonProperty("listen") Listen listen,
        @JsonProperty("suffix") String suffix,
        @JsonProperty("rootDn") String rootDn,
        @JsonProperty("rootPassword") String rootPassword,
        @JsonProperty("dataDir") String dataDir,
        @JsonProperty("storage") String storage,
        @JsonProperty("mapSizeMb") Long mapSizeMb,
        @JsonProperty("passwordScheme") String passwordScheme,
        @JsonProperty("anonymousRead") Boolean anonymousRead,
        @JsonProperty("indexes") Map<String, List<String>> indexes,
        @JsonProperty("limits") LimitsConfig limits,
        @JsonProperty("schemaFiles") List<String> schemaFiles,
        @JsonProperty("tls") Tls tls,
        @JsonProperty("security") Security security,
        @JsonProperty("access") Access access,
        @JsonProperty("sasl") Sasl sasl,
        @JsonProperty("passwordPolicy") PasswordPolicy passwordPolicy,
        @JsonProperty("throttle") Throttle throttle,
        @JsonProperty("groups") Groups groups,
        @JsonProperty("largeValues") LargeValues largeValues,
        @JsonProperty("accessLog") ObservabilityConfig.Log accessLog,
        @JsonProperty("securityLog") ObservabilityConfig.Log securityLog,
        @JsonProperty("metrics") ObservabilityConfig.Metrics metrics,
        @JsonProperty("monitor") ObservabilityConfig.Monitor monitor,
        @JsonProperty("detection") ObservabilityConfig.Detection detection,
        @JsonProperty("netlogon") CldapConfig.Netlogon netlogon,
        @JsonProperty("cldap") CldapConfig.Cldap cldap,
        @JsonProperty("serverId") Integer serverId,
        @JsonProperty("replication") ReplicationConfig.Replication replication,
        @JsonProperty("entryCacheMb") Long entryCacheMb,
        @JsonProperty("referral") List<String> referral,
        @JsonProperty("extensions") ExtensionsConfig.Extensions extensions) {

    /** Without the LDAP ping's sections, for callers written before them. */
    public LindenConfig(
            Listen listen,
            String suffix,
            String rootDn,
            String rootPassword,
            String dataDir,
            String storage,
            Long mapSizeMb,
            String passwordScheme,
            Boolean anonymousRead,
            Map<String, List<String>> indexes,
            LimitsConfig limits,
            List<String> schemaFiles,
            Tls tls,
            Security security,
            Access access,
            Sasl sasl,
            PasswordPolicy passwordPolicy,
            Throttle throttle,
            Groups groups,
            LargeValues largeValues,
            ObservabilityConfig.Log accessLog,
            ObservabilityConfig.Log securityLog,
            ObservabilityConfig.Metrics metrics,
            ObservabilityConfig.Monitor monitor,
            ObservabilityConfig.Detection detection) {
        this(
                listen,
                suffix,
                rootDn,
                rootPassword,
                dataDir,
                storage,
                mapSizeMb,
                passwordScheme,
                anonymousRead,
                indexes,
                limits,
                schemaFiles,
                tls,
                security,
                access,
                sasl,
                passwordPolicy,
                throttle,
                groups,
                largeValues,
                accessLog,
                securityLog,
                metrics,
                monitor,
                detection,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Only the values that matter: every other field null. */
    public static LindenConfig of(
            Listen listen, String suffix, String rootDn, String rootPassword, String dataDir, String storage) {
        return new LindenConfig(
                listen,
                suffix,
                rootDn,
                rootPassword,
                dataDir,
                storage,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This configuration with the given values in place of its own (null: keep its own). */
    public LindenConfig overriding(
            String host,
            Integer port,
            String suffix,
            String rootPassword,
            String dataDir,
            String storage,
            Security security) {
        Listen l = listen == null ? new Listen(null, null) : listen;
        Listen newListen = new Listen(host != null ? host : l.host(), port != null ? port : l.port(), l.ldapsPort());
        return new LindenConfig(
                newListen,
                suffix != null ? suffix : this.suffix,
                rootDn,
                rootPassword != null ? rootPassword : this.rootPassword,
                dataDir != null ? dataDir : this.dataDir,
                storage != null ? storage : this.storage,
                mapSizeMb,
                passwordScheme,
                anonymousRead,
                indexes,
                limits,
                schemaFiles,
                tls,
                security != null ? security : this.security,
                access,
                sasl,
                passwordPolicy,
                throttle,
                groups,
                largeValues,
                accessLog,
                securityLog,
                metrics,
                monitor,
                detection,
                netlogon,
                cldap,
                serverId,
                replication,
                entryCacheMb,
                referral,
                extensions);
    }

    public record Listen(
            @JsonProperty("host") String host,
            @JsonProperty("port") Integer port,
            @JsonProperty("ldapsPort") Integer ldapsPort) {
        public Listen(String host, Integer port) {
            this(host, port, null);
        }
    }

    public record Tls(
            @JsonProperty("certificate") String certificate,
            @JsonProperty("privateKey") String privateKey,
            @JsonProperty("keystore") String keystore,
            @JsonProperty("keystorePassword") String keystorePassword,
            @JsonProperty("clientAuth") String clientAuth,
            @JsonProperty("clientCa") String clientCa,
            @JsonProperty("selfSigned") Boolean selfSigned,
            @JsonProperty("enabled") Boolean enabled) {}

    /** Access control: the administrators' group, and the rules in order (leave out for the secure defaults). */
    public record Access(
            @JsonProperty("adminsGroup") String adminsGroup,
            @JsonProperty("rules") List<Rule> rules) {}

    public record Rule(
            @JsonProperty("to") To to, @JsonProperty("by") List<By> by) {}

    public record To(
            @JsonProperty("subtree") String subtree,
            @JsonProperty("dnRegex") String dnRegex,
            @JsonProperty("filter") String filter,
            @JsonProperty("attrs") List<String> attrs) {}

    public record By(
            @JsonProperty("who") String who,
            @JsonProperty("dn") String dn,
            @JsonProperty("under") String under,
            @JsonProperty("group") String group,
            @JsonProperty("tls") Boolean tls,
            @JsonProperty("address") String address,
            @JsonProperty("grant") List<String> grant) {}

    /** memberOf: direct (default) or nested; referentialIntegrity: the DN attributes kept in step. */
    public record Groups(
            @JsonProperty("memberOf") String memberOf,
            @JsonProperty("referentialIntegrity") List<String> referentialIntegrity) {}

    /** The attribute types whose values are kept one key each past {@code threshold} values (huge groups). */
    public record LargeValues(
            @JsonProperty("types") List<String> types,
            @JsonProperty("threshold") Integer threshold) {}

    public record Security(
            @JsonProperty("requireTlsForBind") Boolean requireTlsForBind,
            @JsonProperty("requireTls") Boolean requireTls,
            @JsonProperty("loopbackExempt") Boolean loopbackExempt) {}

    public record Sasl(
            @JsonProperty("externalMapping") String externalMapping,
            @JsonProperty("externalFilter") String externalFilter,
            @JsonProperty("proxyUsers") List<String> proxyUsers) {}

    public record LimitsConfig(
            @JsonProperty("sizeLimit") Integer sizeLimit,
            @JsonProperty("timeLimitSeconds") Integer timeLimitSeconds,
            @JsonProperty("unindexedSearchLimit") Integer unindexedSearchLimit,
            @JsonProperty("maxPduBytes") Integer maxPduBytes,
            @JsonProperty("maxPduAnonymousBytes") Integer maxPduAnonymousBytes,
            @JsonProperty("idleTimeoutSeconds") Integer idleTimeoutSeconds,
            @JsonProperty("maxConnections") Integer maxConnections,
            @JsonProperty("workerThreads") Integer workerThreads,
            @JsonProperty("maxConnectionsPerAddress") Integer maxConnectionsPerAddress,
            @JsonProperty("maxOutstandingPerConnection") Integer maxOutstandingPerConnection,
            @JsonProperty("writeBufferBytes") Integer writeBufferBytes,
            @JsonProperty("writeTimeoutSeconds") Integer writeTimeoutSeconds,
            @JsonProperty("anonymous") AnonymousLimits anonymous) {}

    /** The search limits of anonymous clients (only matter with anonymousRead or rules that let them read). */
    public record AnonymousLimits(
            @JsonProperty("sizeLimit") Integer sizeLimit,
            @JsonProperty("timeLimitSeconds") Integer timeLimitSeconds,
            @JsonProperty("unindexedSearchLimit") Integer unindexedSearchLimit) {}

    /** The default password policy (draft-behera-ldap-password-policy); durations in seconds. */
    public record PasswordPolicy(
            @JsonProperty("minLength") Integer minLength,
            @JsonProperty("checkQuality") Integer checkQuality,
            @JsonProperty("inHistory") Integer inHistory,
            @JsonProperty("minAge") Integer minAge,
            @JsonProperty("maxAge") Integer maxAge,
            @JsonProperty("expireWarning") Integer expireWarning,
            @JsonProperty("graceAuthNLimit") Integer graceAuthNLimit,
            @JsonProperty("mustChange") Boolean mustChange,
            @JsonProperty("allowUserChange") Boolean allowUserChange,
            @JsonProperty("safeModify") Boolean safeModify,
            @JsonProperty("lockout") Boolean lockout,
            @JsonProperty("lockoutDuration") Integer lockoutDuration,
            @JsonProperty("maxFailure") Integer maxFailure,
            @JsonProperty("failureCountInterval") Integer failureCountInterval) {}

    /** Slowing down and stopping password guessing, per client address and per account. */
    public record Throttle(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("windowSeconds") Integer windowSeconds,
            @JsonProperty("accountDelayAfter") Integer accountDelayAfter,
            @JsonProperty("addressDelayAfter") Integer addressDelayAfter,
            @JsonProperty("baseDelayMillis") Integer baseDelayMillis,
            @JsonProperty("maxDelayMillis") Integer maxDelayMillis,
            @JsonProperty("addressBlockAfter") Integer addressBlockAfter,
            @JsonProperty("blockSeconds") Integer blockSeconds,
            @JsonProperty("maxDelayedBinds") Integer maxDelayedBinds,
            @JsonProperty("familiarDays") Integer familiarDays) {}
}
