package dev.linden.server.config;

import dev.linden.backend.IndexKind;
import dev.linden.core.SecurityRules;
import dev.linden.core.acl.AccessRuleSpec;
import dev.linden.core.ppolicy.Policy;
import dev.linden.core.sasl.SaslConfig;
import dev.linden.core.throttle.ThrottleSettings;
import dev.linden.observability.ObservabilitySettings;
import dev.linden.server.Limits;
import dev.linden.server.tls.TlsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration with defaults applied and values checked: what the server actually runs with.
 *
 * @param storage "lmdb" or "memory"
 * @param schemaFiles extra schema files (LDIF or OpenLDAP .schema form) loaded after the bundled schema
 * @param ldapsPort the LDAPS (implicit TLS) port: 0 for any free port, -1 for no LDAPS listener
 * @param tls the certificate settings, or null when TLS is not configured
 * @param security when TLS is required
 * @param accessRules the access rules in order, as configured or the defaults
 * @param sasl the SASL settings (EXTERNAL's certificate mapping, proxy users)
 * @param passwordPolicy the default password policy
 * @param throttle how password guessing is slowed down and stopped
 * @param groups memberOf (direct or nested) and referential integrity
 * @param anonymousLimits the search limits of anonymous clients
 * @param largeValueTypes the attribute types whose values are kept one key each past the threshold
 * @param largeValueThreshold values past which an attribute of those types keeps them so
 * @param observability the access and security logs, metrics, cn=monitor and attack detection
 * @param netlogon who this server says it is to LDAP pings (TCP and UDP), or null when it ignores them
 * @param cldap the UDP listener for LDAP pings (off by default)
 * @param replication this server's ID, its changelog, the providers it replicates from
 * @param entryCacheBytes the heap the decoded-entry cache may take (0: no cache); bin/linden sizes the heap from it
 * @param extensions the default referral and the bounds of the controls and extended operations
 * @param ldapsPortIsDefault the LDAPS port is the default (636), not configured: when it cannot be opened
 *        the server starts without LDAPS and says so, rather than not at all
 */
public record Settings(
        String host,
        int port,
        String suffix,
        String rootDn,
        String rootPassword,
        Path dataDir,
        String storage,
        long mapSizeBytes,
        String passwordScheme,
        boolean anonymousRead,
        Map<String, Set<IndexKind>> indexes,
        int sizeLimit,
        int timeLimitSeconds,
        int unindexedSearchLimit,
        Limits transport,
        List<Path> schemaFiles,
        int ldapsPort,
        TlsSettings tls,
        SecurityRules security,
        List<AccessRuleSpec> accessRules,
        SaslConfig sasl,
        Policy passwordPolicy,
        ThrottleSettings throttle,
        dev.linden.core.groups.GroupSettings groups,
        dev.linden.core.SearchLimits anonymousLimits,
        List<String> largeValueTypes,
        int largeValueThreshold,
        ObservabilitySettings observability,
        dev.linden.core.netlogon.NetlogonSettings netlogon,
        dev.linden.server.cldap.CldapSettings cldap,
        boolean ldapsPortIsDefault,
        dev.linden.server.replication.ReplicationSettings replication,
        long entryCacheBytes,
        dev.linden.core.ExtensionSettings extensions) {
    public Settings {
        schemaFiles = List.copyOf(schemaFiles);
        largeValueTypes = List.copyOf(largeValueTypes);
    }
}
