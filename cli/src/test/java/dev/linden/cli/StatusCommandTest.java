package dev.linden.cli;

import static dev.linden.cli.Cli.linden;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code linden status} without a server: its arguments, and the summary it writes from cn=Monitor's entries. */
class StatusCommandTest {
    @Test
    void anUnreadablePasswordFileIsOneLine() {
        Cli.Output r = linden("status", "-D", "cn=admin,dc=example,dc=com", "-y", "/nonexistent/pw.txt");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo("linden status: cannot read the password file /nonexistent/pw.txt: no such file;"
                        + " give -y a readable file that holds the password");
    }

    @Test
    void withoutAPasswordItSaysWhereOneMayCome() {
        Assumptions.assumeTrue(System.getenv("LINDEN_PASSWORD") == null);
        Cli.Output r = linden("status", "-D", "cn=admin,dc=example,dc=com");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly("linden status: a password is needed: -w, -y FILE or the LINDEN_PASSWORD variable");
    }

    @Test
    void theBindDnIsRequired() {
        Cli.Output r = linden("status", "-w", "secret");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines())
                .containsExactly(
                        "linden status: Missing required option: '--bind-dn=<bindDn>' (see: linden status --help)");
    }

    /** A cn=Monitor entry: its DN, then "attribute: value" lines. */
    private static void entry(Map<String, LdapClient.Entry> monitor, String dn, String... values) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String v : values) {
            int colon = v.indexOf(": ");
            attributes
                    .computeIfAbsent(v.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(v.substring(colon + 2));
        }
        monitor.put(dn.toLowerCase(Locale.ROOT), new LdapClient.Entry(dn, attributes));
    }

    @Test
    void theSummaryReadsTheMonitorEntries() {
        Map<String, LdapClient.Entry> m = new HashMap<>();
        entry(m, "cn=Monitor", "monitoredInfo: Linden 0.1.0");
        entry(m, "cn=Uptime,cn=Time,cn=Monitor", "monitoredInfo: 90061");
        entry(m, "cn=Start,cn=Time,cn=Monitor", "monitorTimestamp: 20250131120000Z");
        entry(m, "cn=Listener 0,cn=Listeners,cn=Monitor", "labeledURI: ldap://0.0.0.0:389/");
        entry(m, "cn=Listener 1,cn=Listeners,cn=Monitor", "labeledURI: ldaps://0.0.0.0:636/");
        entry(m, "cn=Current,cn=Connections,cn=Monitor", "monitorCounter: 3");
        entry(m, "cn=Total,cn=Connections,cn=Monitor", "monitorCounter: 12345");
        entry(m, "cn=Connection 7,cn=Connections,cn=Monitor", "monitorConnectionMask: tls");
        entry(m, "cn=Connection 8,cn=Connections,cn=Monitor", "monitorConnectionMask: clear");
        entry(m, "cn=Last Minute,cn=Operations,cn=Monitor", "monitorCounter: 600");
        entry(m, "cn=Operations,cn=Monitor", "monitorOpCompleted: 2000000");
        entry(m, "cn=Search,cn=Operations,cn=Monitor", "monitorOpCompleted: 1500000");
        entry(m, "cn=Bind,cn=Operations,cn=Monitor", "monitorOpCompleted: 500000");
        entry(m, "cn=Entries,cn=Statistics,cn=Monitor", "monitorCounter: 42");
        entry(m, "cn=Failed Binds,cn=Security,cn=Monitor", "monitorCounter: 5");
        entry(m, "cn=Wrong Password,cn=Failed Binds,cn=Security,cn=Monitor", "monitorCounter: 4");
        entry(m, "cn=Locked,cn=Failed Binds,cn=Security,cn=Monitor", "monitorCounter: 1");
        entry(m, "cn=Lockouts,cn=Security,cn=Monitor", "monitorCounter: 1");
        entry(m, "cn=Throttled,cn=Security,cn=Monitor", "monitorCounter: 2");
        entry(m, "cn=Blocked,cn=Security,cn=Monitor", "monitorCounter: 0");
        entry(
                m,
                "cn=Alert 3,cn=Alerts,cn=Security,cn=Monitor",
                "cn: Alert 3",
                "monitoredInfo: detection=spraying",
                "monitoredInfo: offender=192.0.2.7",
                "monitoredInfo: action=block",
                "monitoredInfo: until=20250131130000Z",
                "description: 40 accounts failed from one address");

        assertThat(StatusCommand.summary("ldap://127.0.0.1:389", m).lines().toList())
                .containsExactly(
                        "Linden 0.1.0 at ldap://127.0.0.1:389, up 1d 1h 1m (since 2025-01-31T12:00:00Z)",
                        "Listeners     ldap://0.0.0.0:389/, ldaps://0.0.0.0:636/",
                        "Connections   3 open (1 TLS), 12,345 since start",
                        "Operations    10.0/s over the last minute; 2,000,000 since start",
                        "              search 1,500,000, bind 500,000",
                        "Entries       42 returned",
                        "Failed binds  5: wrong password 4, locked 1",
                        "Lockouts      1",
                        "Offenders     2 throttled, 0 blocked",
                        "Alerts        1 active",
                        "  #3    spraying        192.0.2.7, block until 2025-01-31T13:00:00Z: 40 accounts failed from one address");
    }

    @Test
    void aServerWithoutDetectionSaysSo() {
        Map<String, LdapClient.Entry> m = new HashMap<>();
        entry(m, "cn=Uptime,cn=Time,cn=Monitor", "monitoredInfo: 59");
        String summary = StatusCommand.summary("ldaps://ldap.example.com:636", m);
        assertThat(summary)
                .startsWith("Linden at ldaps://ldap.example.com:636, up 0m 59s (since ?)")
                .contains("Listeners     -", "Detection     off", "Alerts        none");
    }
}
