package dev.linden.server.replication;

import dev.linden.protocol.SearchScope;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One provider this server replicates from (a {@code replication.sources} item of linden.yaml).
 *
 * @param rid the replica ID (1-999), in the cookie and the name the consumer's state is stored under
 * @param provider {@code ldap://host:port} or {@code ldaps://host:port}
 * @param startTls whether to start TLS on an {@code ldap://} provider (required for a simple bind unless
 *     the provider is on this machine)
 * @param bindDn the replication identity, for a simple bind (null with SASL EXTERNAL)
 * @param password its password
 * @param external bind with SASL EXTERNAL: the TLS client certificate names the identity
 * @param caFile PEM certificates to trust for the provider (null: the JDK's)
 * @param clientCertificate PEM certificate for SASL EXTERNAL (null: none)
 * @param clientKey its PEM private key
 * @param base the replicated subtree
 * @param scope its scope (sub by default)
 * @param filter which entries (default (objectClass=*))
 * @param attributes which attributes (default * and +)
 * @param persist refreshAndPersist (true) or refreshOnly every {@code intervalSeconds}
 * @param intervalSeconds between polls in refreshOnly
 * @param retrySeconds the waits between attempts after a failure; the last one repeats
 * @param timeoutSeconds connect and response timeout
 * @param alertAfterSeconds how long without a synchronization before the source raises an alert
 * @param alertDelaySeconds how late changes may arrive before the source raises an alert
 */
public record SyncSourceSettings(
        int rid,
        URI provider,
        boolean startTls,
        String bindDn,
        String password,
        boolean external,
        Path caFile,
        Path clientCertificate,
        Path clientKey,
        String base,
        SearchScope scope,
        String filter,
        List<String> attributes,
        boolean persist,
        int intervalSeconds,
        List<Integer> retrySeconds,
        int timeoutSeconds,
        int alertAfterSeconds,
        int alertDelaySeconds) {
    public SyncSourceSettings {
        attributes = List.copyOf(attributes);
        retrySeconds = List.copyOf(retrySeconds);
        if (rid < 0 || rid > 999) {
            throw new IllegalArgumentException("rid must be within 0-999, not " + rid);
        }
    }

    /** How the source's state is stored beside the data: {@code rid=NNN}. */
    String cookieKey() {
        return String.format("rid=%03d", rid);
    }

    /** The wait before attempt {@code n} (0 first) after failures. */
    int retryAfter(int n) {
        return retrySeconds.get(Math.min(n, retrySeconds.size() - 1));
    }
}
