package dev.linden.core.sasl;

import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SASL settings (the {@code sasl:} section of the configuration).
 *
 * @param externalMapping how EXTERNAL turns a TLS client certificate into an entry
 * @param externalFilter for {@link ExternalMapping#SEARCH}: a filter with placeholders for values of the
 *     certificate, such as {@code (uid={cn})} or {@code (mail={email})}; see {@link #PLACEHOLDERS}
 * @param proxyUsers DNs that may act as another identity: an authzid in a SASL bind, and the proxied
 *     authorization control (RFC 4370); the administrator always may
 * @param clientCertificates whether TLS asks clients for certificates (EXTERNAL is advertised only then)
 */
public record SaslConfig(
        ExternalMapping externalMapping, String externalFilter, List<String> proxyUsers, boolean clientCertificates) {

    /** The values of the client certificate a filter template may use. */
    public static final List<String> PLACEHOLDERS = List.of("cn", "uid", "email", "subject");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    public static final SaslConfig DEFAULT = new SaslConfig(ExternalMapping.SUBJECT, null, List.of(), false);

    public enum ExternalMapping {
        /** The certificate's subject DN is the DN of the entry (or the administrator's rootDn). */
        SUBJECT,
        /** The filter, with the certificate's values put in, must find exactly one entry under the suffixes. */
        SEARCH
    }

    /** @throws IllegalArgumentException with a message fit for the configuration error */
    public SaslConfig {
        proxyUsers = proxyUsers == null ? List.of() : List.copyOf(proxyUsers);
        if (externalMapping == null) {
            externalMapping = ExternalMapping.SUBJECT;
        }
        if (externalMapping == ExternalMapping.SEARCH) {
            if (externalFilter == null || externalFilter.isBlank()) {
                throw new IllegalArgumentException(
                        "externalMapping search needs externalFilter, for example (uid={cn})");
            }
            Matcher m = PLACEHOLDER.matcher(externalFilter);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new IllegalArgumentException("externalFilter: unknown placeholder {" + m.group(1) + "} (use "
                            + String.join(
                                    ", ",
                                    PLACEHOLDERS.stream()
                                            .map(p -> "{" + p + "}")
                                            .toList()) + ")");
                }
            }
            try {
                FilterText.parse(m.replaceAll("x"));
            } catch (FilterSyntaxException e) {
                throw new IllegalArgumentException("externalFilter: not a valid filter: " + e.getMessage());
            }
        }
    }

    /** This configuration, knowing whether TLS asks clients for certificates. */
    public SaslConfig withClientCertificates(boolean asked) {
        return new SaslConfig(externalMapping, externalFilter, proxyUsers, asked);
    }

    /** The proxy users' DNs. @throws LdapException when one is not a valid DN */
    public List<Dn> proxyDns(Schema schema) throws LdapException {
        List<Dn> dns = new ArrayList<>(proxyUsers.size());
        for (String p : proxyUsers) {
            dns.add(DnSyntax.parse(p, schema));
        }
        return dns;
    }

    /** The filter for a certificate: each placeholder replaced by its value, escaped (RFC 4515); null when a value is missing. */
    public String externalFilterFor(java.util.function.Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(externalFilter);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            if (value == null) {
                return null;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Escapes a value for a filter string (RFC 4515 section 3). */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> sb.append("\\2a");
                case '(' -> sb.append("\\28");
                case ')' -> sb.append("\\29");
                case '\\' -> sb.append("\\5c");
                case '\0' -> sb.append("\\00");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
