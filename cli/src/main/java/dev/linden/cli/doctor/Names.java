package dev.linden.cli.doctor;

import java.util.Locale;
import java.util.regex.Pattern;

/** Host names and addresses as doctor compares them. */
final class Names {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Names() {}

    /** Whether {@code host} is an IP address literal (no SNI, and certificates must name it as an IP address). */
    static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** Whether a certificate's DNS name (possibly a wildcard in its first label) covers {@code host}. */
    static boolean covers(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return stripDot(p).equals(h);
    }

    static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** "dc=corp,dc=example,dc=com" as "corp.example.com"; null when the DN has no dc= components. */
    static String domainOf(String dn) {
        StringBuilder sb = new StringBuilder();
        for (String rdn : dn.split(",")) {
            String r = rdn.strip();
            if (r.regionMatches(true, 0, "dc=", 0, 3)) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.substring(3).strip());
            }
        }
        return sb.isEmpty() ? null : sb.toString().toLowerCase(Locale.ROOT);
    }
}
