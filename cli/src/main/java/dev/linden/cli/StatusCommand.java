package dev.linden.cli;

import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.Filter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A running server at a glance: uptime, connections, operation rates, failed binds and active
 * alerts, read from its cn=Monitor subtree (which only the root DN and administrators may read).
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Summarise a running server (uptime, connections, operation rates, failed binds, alerts) from cn=Monitor.")
final class StatusCommand implements Callable<Integer> {
    private static final String MONITOR = "cn=Monitor";

    @Option(
            names = {"-H", "--url"},
            defaultValue = "ldap://127.0.0.1:389",
            description = "the server: ldap://host:port or ldaps://host:port (default: ${DEFAULT-VALUE})")
    String url;

    @Option(
            names = {"-D", "--bind-dn"},
            required = true,
            description = "the root DN or an administrator's DN")
    String bindDn;

    @Option(
            names = {"-w", "--password"},
            description = "the password (or -y, or the LINDEN_PASSWORD variable)")
    String password;

    @Option(
            names = {"-y", "--password-file"},
            description = "read the password from this file")
    Path passwordFile;

    @Option(
            names = {"-Z", "--starttls"},
            description = "protect an ldap:// connection with StartTLS")
    boolean startTls;

    @Option(names = "--cacert", description = "trust the CA certificates in this PEM file (default: the JVM's)")
    Path caFile;

    @Option(names = "--insecure", description = "trust any server certificate (for tests; never in production)")
    boolean insecure;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        String secret = password();
        if (secret == null) {
            System.err.println("linden status: a password is needed: -w, -y FILE or the LINDEN_PASSWORD variable");
            return 2;
        }
        Map<String, LdapClient.Entry> monitor = new HashMap<>();
        try (LdapClient client = LdapClient.connect(url, startTls, new LdapClient.Trust(caFile, insecure))) {
            client.bind(bindDn, secret);
            for (LdapClient.Entry e :
                    client.search(MONITOR, SearchScope.SUB, new Filter.Present("objectClass"), "*", "+")) {
                monitor.put(key(e.dn()), e);
            }
        } catch (LdapClient.ResultException e) {
            if (e.code == ResultCode.NO_SUCH_OBJECT) {
                System.err.println("linden status: cn=Monitor is not readable as " + bindDn
                        + ": bind as the root DN or a member of the administrators' group (monitor.readers)");
            } else {
                System.err.println("linden status: " + e.getMessage());
            }
            return 1;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            System.err.println("linden status: cannot read " + url + ": " + e.getMessage());
            return 1;
        }
        out.print(summary(url, monitor));
        out.flush();
        return 0;
    }

    private String password() throws dev.linden.server.config.ConfigException {
        if (password != null) {
            return password;
        }
        if (passwordFile != null) {
            return PasswordFile.read(passwordFile);
        }
        return System.getenv("LINDEN_PASSWORD");
    }

    private static String key(String dn) {
        return dn.toLowerCase(Locale.ROOT).replace(", ", ",");
    }

    /** The summary, from the cn=Monitor entries by lower-case DN. */
    static String summary(String url, Map<String, LdapClient.Entry> m) {
        StringBuilder sb = new StringBuilder();
        String version = info(m, MONITOR, "monitoredInfo", "Linden");
        long uptime = number(m, "cn=Uptime,cn=Time," + MONITOR, "monitoredInfo");
        String start = info(m, "cn=Start,cn=Time," + MONITOR, "monitorTimestamp", "?");
        sb.append(version)
                .append(" at ")
                .append(url)
                .append(", up ")
                .append(duration(uptime))
                .append(" (since ")
                .append(time(start))
                .append(")\n");

        List<String> listeners = new ArrayList<>();
        List<String> alerts = new ArrayList<>();
        int tls = 0;
        for (LdapClient.Entry e : m.values()) {
            String dn = key(e.dn());
            if (dn.startsWith("cn=listener ") && dn.endsWith(",cn=listeners,cn=monitor")) {
                listeners.add(e.first("labeledURI"));
            }
            if (dn.startsWith("cn=connection ") && "tls".equals(e.first("monitorConnectionMask"))) {
                tls++;
            }
            if (dn.startsWith("cn=alert ") && dn.endsWith(",cn=alerts,cn=security,cn=monitor")) {
                alerts.add(alert(e));
            }
        }
        listeners.sort(null);
        alerts.sort(null);
        row(sb, "Listeners", listeners.isEmpty() ? "-" : String.join(", ", listeners));
        row(
                sb,
                "Connections",
                count(number(m, "cn=Current,cn=Connections," + MONITOR, "monitorCounter")) + " open ("
                        + count(tls) + " TLS), "
                        + count(number(m, "cn=Total,cn=Connections," + MONITOR, "monitorCounter"))
                        + " since start");
        long lastMinute = number(m, "cn=Last Minute,cn=Operations," + MONITOR, "monitorCounter");
        long completed = number(m, "cn=Operations," + MONITOR, "monitorOpCompleted");
        row(
                sb,
                "Operations",
                String.format(
                        Locale.ROOT,
                        "%.1f/s over the last minute; %s since start",
                        lastMinute / (double) Math.max(1, Math.min(60, uptime)),
                        count(completed)));
        StringBuilder kinds = new StringBuilder();
        for (String kind : List.of("Search", "Bind", "Compare", "Add", "Modify", "Modrdn", "Delete", "Extended")) {
            long n = number(m, "cn=" + kind + ",cn=Operations," + MONITOR, "monitorOpCompleted");
            if (n > 0) {
                kinds.append(kinds.isEmpty() ? "" : ", ")
                        .append(kind.toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(count(n));
            }
        }
        if (!kinds.isEmpty()) {
            row(sb, "", kinds.toString());
        }
        row(sb, "Entries", count(number(m, "cn=Entries,cn=Statistics," + MONITOR, "monitorCounter")) + " returned");
        long failed = number(m, "cn=Failed Binds,cn=Security," + MONITOR, "monitorCounter");
        StringBuilder reasons = new StringBuilder();
        for (String reason :
                List.of("Wrong Password", "No Such Entry", "Locked", "Confidentiality Required", "Refused", "Other")) {
            long n = number(m, "cn=" + reason + ",cn=Failed Binds,cn=Security," + MONITOR, "monitorCounter");
            if (n > 0) {
                reasons.append(reasons.isEmpty() ? ": " : ", ")
                        .append(reason.toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(count(n));
            }
        }
        row(sb, "Failed binds", count(failed) + reasons);
        row(sb, "Lockouts", count(number(m, "cn=Lockouts,cn=Security," + MONITOR, "monitorCounter")));
        if (m.containsKey(key("cn=Throttled,cn=Security," + MONITOR))) {
            row(
                    sb,
                    "Offenders",
                    count(number(m, "cn=Throttled,cn=Security," + MONITOR, "monitorCounter")) + " throttled, "
                            + count(number(m, "cn=Blocked,cn=Security," + MONITOR, "monitorCounter")) + " blocked");
        } else {
            row(sb, "Detection", "off");
        }
        row(sb, "Alerts", alerts.isEmpty() ? "none" : alerts.size() + " active");
        for (String a : alerts) {
            sb.append("  ").append(a).append('\n');
        }
        replication(sb, m);
        return sb.toString();
    }

    /** A line per provider this server replicates from, and one per consumer it serves (cn=Replication). */
    private static void replication(StringBuilder sb, Map<String, LdapClient.Entry> m) {
        List<String> sources = new ArrayList<>();
        List<String> consumers = new ArrayList<>();
        for (LdapClient.Entry e : m.values()) {
            String dn = key(e.dn());
            Map<String, String> info = infoOf(e);
            if (dn.startsWith("cn=source ") && dn.endsWith(",cn=replication,cn=monitor")) {
                sources.add(String.format(
                        Locale.ROOT,
                        "%s from %s: %s, %s changes, delay %s s, %s reconnects%s",
                        "rid " + e.first("cn").replace("Source ", ""),
                        e.first("labeledURI"),
                        info.getOrDefault("state", "?"),
                        info.getOrDefault("changes", "0"),
                        info.getOrDefault("delaySeconds", "0"),
                        info.getOrDefault("reconnects", "0"),
                        e.first("description") == null ? "" : " (" + e.first("description") + ")"));
            }
            if (dn.startsWith("cn=consumer ") && dn.endsWith(",cn=replication,cn=monitor")) {
                consumers.add(String.format(
                        Locale.ROOT,
                        "%s from %s: %s, %s, %s sent%s",
                        e.first("monitorConnectionAuthzDN"),
                        e.first("monitorConnectionPeerAddress"),
                        info.getOrDefault("mode", "?"),
                        info.getOrDefault("stage", "?"),
                        info.getOrDefault("sent", "0"),
                        info.containsKey("lagChanges") ? ", " + info.get("lagChanges") + " changes behind" : ""));
            }
        }
        if (sources.isEmpty() && consumers.isEmpty()) {
            return;
        }
        sources.sort(null);
        consumers.sort(null);
        row(sb, "Replicates", sources.isEmpty() ? "from no provider" : sources.size() + " source(s)");
        sources.forEach(x -> sb.append("  ").append(x).append('\n'));
        row(sb, "Consumers", consumers.isEmpty() ? "none" : consumers.size() + " synchronizing");
        consumers.forEach(x -> sb.append("  ").append(x).append('\n'));
    }

    private static Map<String, String> infoOf(LdapClient.Entry e) {
        Map<String, String> info = new HashMap<>();
        for (String v : e.all("monitoredInfo")) {
            int eq = v.indexOf('=');
            if (eq > 0) {
                info.put(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        return info;
    }

    private static String alert(LdapClient.Entry e) {
        Map<String, String> info = new HashMap<>();
        for (String v : e.all("monitoredInfo")) {
            int eq = v.indexOf('=');
            if (eq > 0) {
                info.put(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        String id = e.first("cn");
        return String.format(
                Locale.ROOT,
                "#%-4s %-15s %s, %s until %s: %s",
                id == null ? "?" : id.replace("Alert ", ""),
                info.getOrDefault("detection", "?"),
                info.getOrDefault("offender", "?"),
                info.getOrDefault("action", "?"),
                time(info.getOrDefault("until", "?")),
                e.first("description"));
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-13s %s%n", label, value));
    }

    private static String info(Map<String, LdapClient.Entry> m, String dn, String attribute, String otherwise) {
        LdapClient.Entry e = m.get(key(dn));
        String v = e == null ? null : e.first(attribute);
        return v == null ? otherwise : v;
    }

    private static long number(Map<String, LdapClient.Entry> m, String dn, String attribute) {
        try {
            return Long.parseLong(info(m, dn, attribute, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(long seconds) {
        long d = seconds / 86400;
        long h = seconds % 86400 / 3600;
        long min = seconds % 3600 / 60;
        long s = seconds % 60;
        return d > 0 ? d + "d " + h + "h " + min + "m" : h > 0 ? h + "h " + min + "m " + s + "s" : min + "m " + s + "s";
    }

    /** "20250131120000Z" as "2025-01-31T12:00:00Z". */
    private static String time(String generalized) {
        if (generalized.length() < 15) {
            return generalized;
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.format(
                    Instant.from(DateTimeFormatter.ofPattern("yyyyMMddHHmmssX").parse(generalized)));
        } catch (RuntimeException e) {
            return generalized;
        }
    }
}
