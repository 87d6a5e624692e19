package dev.linden.cli.doctor;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The server's clock against this machine's: Active Directory publishes {@code currentTime} in its
 * root DSE; OpenLDAP and Linden publish {@code cn=Current,cn=Time,cn=Monitor}, readable with
 * credentials. Kerberos fails beyond five minutes of skew; certificates and password expiry go
 * wrong well before.
 */
final class ClockCheck {
    static final Duration WARN = Duration.ofSeconds(60);
    static final Duration ERROR = Duration.ofMinutes(5);

    private ClockCheck() {}

    static void run(Examination x, Instant monitorTime, Instant localAtRead) {
        Instant server = null;
        Instant local = localAtRead;
        String source = null;
        if (x.rootDse != null) {
            List<String> current = LdapProbe.values(x.rootDse, "currentTime");
            if (!current.isEmpty()) {
                server = parse(current.get(0));
                local = x.rootDseReadAt;
                source = "the root DSE's currentTime";
            }
        }
        if (server == null && monitorTime != null) {
            server = monitorTime;
            source = "cn=Current,cn=Time,cn=Monitor";
        }
        if (server == null || local == null) {
            x.add(Finding.info(
                    "clock",
                    "",
                    "the server's clock could not be read",
                    "no currentTime in the root DSE (Active Directory has one); with -D, cn=Monitor is read"));
            return;
        }
        Duration skew = Duration.between(local, server);
        long seconds = Math.abs(skew.toSeconds());
        String detail =
                "from " + source + "; the server is " + seconds + " s " + (skew.isNegative() ? "behind" : "ahead");
        x.report.fact("clockSkewSeconds", skew.toSeconds());
        if (skew.abs().compareTo(ERROR) > 0) {
            x.add(new Finding(
                    "clock",
                    Severity.ERROR,
                    "",
                    "the clocks differ by " + seconds + " s",
                    detail + " (Kerberos refuses more than 300 s)",
                    Fixes.CLOCK));
        } else if (skew.abs().compareTo(WARN) > 0) {
            x.add(new Finding(
                    "clock", Severity.WARN, "", "the clocks differ by " + seconds + " s", detail, Fixes.CLOCK));
        } else {
            x.add(Finding.ok("clock", "", "the clocks agree within " + Math.max(1, seconds) + " s", detail));
        }
    }

    /** A generalized time: "20250131120000.0Z", "20250131120000Z", "20250131120000.123456Z". */
    static Instant parse(String generalized) {
        try {
            String g = generalized.strip();
            String main = g.substring(0, 14);
            return Instant.from(DateTimeFormatter.ofPattern("yyyyMMddHHmmssX").parse(main + "Z"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
