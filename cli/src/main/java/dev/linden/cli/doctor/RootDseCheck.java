package dev.linden.cli.doctor;

import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.SearchResultEntry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The root DSE, read anonymously (RFC 4512 5.1): what the server is and offers. Active Directory
 * is known by its capability OID 1.2.840.113556.1.4.800.
 */
final class RootDseCheck {
    static final String AD_CAPABILITY = "1.2.840.113556.1.4.800";
    static final String START_TLS = "1.3.6.1.4.1.1466.20037";
    private static final String[] ATTRIBUTES = {
        "*",
        "+",
        "namingContexts",
        "defaultNamingContext",
        "supportedControl",
        "supportedExtension",
        "supportedSASLMechanisms",
        "supportedLDAPVersion",
        "vendorName",
        "vendorVersion",
        "dnsHostName",
        "currentTime",
        "supportedCapabilities",
        "domainControllerFunctionality",
        "serverName"
    };

    private RootDseCheck() {}

    static void run(Examination x) {
        Target t = x.target;
        int port = x.plainPort >= 0 ? x.plainPort : x.tlsPort;
        if (port < 0) {
            return;
        }
        SearchResultEntry dse = null;
        String problem = null;
        try (LdapProbe probe = port == x.plainPort
                ? LdapProbe.plain(t.host(), port, t.timeoutMillis())
                : LdapProbe.ldaps(t.host(), port, t.timeoutMillis(), TrustAll.context(), t.serverName(), false)) {
            var outcome = probe.search("", SearchScope.BASE, new Filter.Present("objectClass"), 0, ATTRIBUTES);
            x.rootDseReadAt = java.time.Instant.now();
            if (!outcome.entries().isEmpty()) {
                dse = outcome.entries().get(0);
            } else {
                problem = outcome.result() == null
                        ? "no answer"
                        : outcome.result().code().name().toLowerCase(Locale.ROOT);
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (dse == null) {
            x.add(new Finding(
                    "rootdse",
                    Severity.WARN,
                    x.where(port),
                    "the root DSE is not readable anonymously",
                    problem + "; clients cannot discover StartTLS, SASL mechanisms or naming contexts",
                    Fixes.ROOT_DSE_HIDDEN));
            return;
        }
        x.rootDse = dse;
        x.namingContexts.addAll(LdapProbe.values(dse, "namingContexts"));
        x.activeDirectory = LdapProbe.values(dse, "supportedCapabilities").contains(AD_CAPABILITY);
        Map<String, Object> summary = new LinkedHashMap<>();
        String vendor = String.join(" ", LdapProbe.values(dse, "vendorName"));
        String version = String.join(" ", LdapProbe.values(dse, "vendorVersion"));
        String product = x.activeDirectory
                ? "Active Directory"
                : vendor.isEmpty()
                        ? guess(dse)
                        : version.startsWith(vendor) ? version : version.isEmpty() ? vendor : vendor + " " + version;
        summary.put("product", product);
        summary.put("namingContexts", x.namingContexts);
        put(summary, "defaultNamingContext", LdapProbe.values(dse, "defaultNamingContext"));
        put(summary, "dnsHostName", LdapProbe.values(dse, "dnsHostName"));
        summary.put("ldapVersions", LdapProbe.values(dse, "supportedLDAPVersion"));
        summary.put("saslMechanisms", LdapProbe.values(dse, "supportedSASLMechanisms"));
        summary.put("startTls", LdapProbe.values(dse, "supportedExtension").contains(START_TLS));
        summary.put("controls", LdapProbe.values(dse, "supportedControl").size());
        summary.put("extensions", LdapProbe.values(dse, "supportedExtension").size());
        x.report.fact("rootDse", summary);
        x.add(Finding.info(
                "rootdse",
                x.where(port),
                product,
                "naming contexts " + x.namingContexts + "; SASL "
                        + LdapProbe.values(dse, "supportedSASLMechanisms") + "; StartTLS "
                        + (Boolean.TRUE.equals(summary.get("startTls")) ? "advertised" : "not advertised") + "; "
                        + summary.get("controls") + " controls, " + summary.get("extensions")
                        + " extended operations"));
    }

    private static void put(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values.size() == 1 ? values.get(0) : values);
        }
    }

    /** OpenLDAP names itself nowhere in its root DSE; its own controls and objectClass give it away. */
    private static String guess(SearchResultEntry dse) {
        if (LdapProbe.values(dse, "objectClass").contains("OpenLDAProotDSE")) {
            return "OpenLDAP";
        }
        return "an LDAP server that does not name itself";
    }
}
