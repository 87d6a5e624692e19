package dev.linden.core;

import dev.linden.core.ppolicy.Policy;
import dev.linden.core.sasl.SaslConfig;
import dev.linden.core.throttle.ThrottleSettings;
import dev.linden.model.Dn;

/**
 * The settings the operations follow.
 *
 * @param rootDn the administrator, who may do anything and is not subject to limits
 * @param rootPassword the administrator's password in stored form ({SCHEME}hash, or cleartext)
 * @param sizeLimit the most entries a search returns to anyone but the administrator (0: none)
 * @param timeLimitSeconds the longest a search runs for anyone but the administrator (0: none)
 * @param anonymousRead whether anonymous clients may search beyond the root DSE and subschema
 * @param passwordScheme the scheme new userPassword values are hashed with, or CLEARTEXT
 * @param vendorVersion the version published in the root DSE
 * @param security the confidentiality rules
 * @param accessRules the access rules in order (see {@link dev.linden.core.acl.AccessRules#defaults})
 * @param sasl the SASL mechanisms' settings (EXTERNAL's certificate mapping, proxy users)
 * @param passwordPolicy the password policy of accounts that name no pwdPolicy entry of their own
 * @param throttle how password guessing is slowed down and stopped
 * @param groups memberOf (direct or nested) and referential integrity
 * @param anonymousLimits the search limits of anonymous clients (the others' are above and in the backend)
 * @param replicators the replication identities of this server's consumers: their content
 *     synchronizations are exempt from size and time limits
 */
public record CoreConfig(
        Dn rootDn,
        String rootPassword,
        int sizeLimit,
        int timeLimitSeconds,
        boolean anonymousRead,
        String passwordScheme,
        String vendorVersion,
        SecurityRules security,
        java.util.List<dev.linden.core.acl.AccessRule> accessRules,
        SaslConfig sasl,
        Policy passwordPolicy,
        ThrottleSettings throttle,
        dev.linden.core.groups.GroupSettings groups,
        SearchLimits anonymousLimits,
        java.util.Set<Dn> replicators) {
    public CoreConfig {
        replicators = java.util.Set.copyOf(replicators);
    }
}
