package dev.linden.cli.doctor;

import java.util.Locale;
import java.util.Map;

/** The report for people: one line per finding, worst marked first on the line, fixes under the problems. */
final class TextReport {
    private TextReport() {}

    static String render(Report r, String family) {
        StringBuilder sb = new StringBuilder();
        sb.append("linden doctor ").append(r.target()).append('\n');
        Object dse = r.facts().get("rootDse");
        if (dse instanceof Map<?, ?> m) {
            sb.append("  ")
                    .append(m.get("product"))
                    .append("; naming contexts ")
                    .append(m.get("namingContexts"))
                    .append('\n');
        }
        sb.append('\n');
        for (Finding f : r.findings()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-5s %-20s %-24s %s%n",
                    mark(f.severity()),
                    f.check(),
                    f.where().isEmpty() ? "-" : f.where(),
                    f.summary()));
            if (f.detail() != null && f.severity().compareTo(Severity.INFO) >= 0) {
                sb.append("      ").append(f.detail()).append('\n');
            }
            if (f.severity().compareTo(Severity.WARN) >= 0 && !f.fix().isEmpty()) {
                fix(sb, f.fix(), family);
            }
        }
        sb.append(String.format(
                Locale.ROOT,
                "%n%d errors, %d warnings, %d fine (%d ms)%n",
                r.count(Severity.ERROR),
                r.count(Severity.WARN),
                r.count(Severity.OK),
                r.elapsedMillis()));
        return sb.toString();
    }

    private static void fix(StringBuilder sb, Fix fix, String family) {
        if (family == null || family.equals("openldap")) {
            line(sb, "OpenLDAP", fix.openldap());
        }
        if (family == null || family.equals("ad")) {
            line(sb, "AD", fix.activeDirectory());
        }
        if (family == null || family.equals("linden")) {
            line(sb, "Linden", fix.linden());
        }
    }

    private static void line(StringBuilder sb, String who, String text) {
        if (text != null) {
            sb.append("      fix (").append(who).append("): ").append(text).append('\n');
        }
    }

    private static String mark(Severity s) {
        return switch (s) {
            case OK -> "ok";
            case INFO -> "info";
            case WARN -> "WARN";
            case ERROR -> "ERROR";
        };
    }
}
