package dev.linden.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.linden.core.ExtensionSettings;
import java.util.List;
import java.util.Locale;

/**
 * The {@code referral} key (the default referral, as slapd's directive of that name) and the
 * {@code extensions:} section (the bounds of subtree delete, sorting, virtual list views, persistent
 * searches and transactions) of linden.yaml, checked.
 */
public final class ExtensionsConfig {
    private ExtensionsConfig() {}

    /** The section as written. */
    public record Extensions(
            @JsonProperty("subtreeDeleteLimit") Integer subtreeDeleteLimit,
            @JsonProperty("sortLimit") Integer sortLimit,
            @JsonProperty("vlvContexts") Integer vlvContexts,
            @JsonProperty("persistentSearches") Integer persistentSearches,
            @JsonProperty("transactionOperations") Integer transactionOperations) {}

    static ExtensionSettings settings(List<String> referral, Extensions e, String origin) throws ConfigException {
        List<String> urls = referral == null ? List.of() : referral;
        for (String url : urls) {
            String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("ldap://") && !lower.startsWith("ldaps://")) {
                throw new ConfigException(origin + ": referral must be a list of ldap:// or ldaps:// URLs, not " + url);
            }
        }
        ExtensionSettings d = ExtensionSettings.DEFAULT;
        Extensions x = e == null ? new Extensions(null, null, null, null, null) : e;
        return new ExtensionSettings(
                urls,
                positive(x.subtreeDeleteLimit(), d.subtreeDeleteLimit(), "extensions.subtreeDeleteLimit", origin),
                positive(x.sortLimit(), d.sortLimit(), "extensions.sortLimit", origin),
                positive(x.vlvContexts(), d.vlvContexts(), "extensions.vlvContexts", origin),
                positive(x.persistentSearches(), d.persistentSearches(), "extensions.persistentSearches", origin),
                positive(
                        x.transactionOperations(),
                        d.transactionOperations(),
                        "extensions.transactionOperations",
                        origin));
    }

    private static int positive(Integer v, int d, String key, String origin) throws ConfigException {
        int value = v == null ? d : v;
        if (value <= 0) {
            throw new ConfigException(origin + ": " + key + " must be greater than 0, not " + value);
        }
        return value;
    }
}
