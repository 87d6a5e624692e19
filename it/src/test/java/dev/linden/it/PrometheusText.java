package dev.linden.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), strict enough to catch a
 * malformed exposition: every sample belongs to a family declared by {@code # TYPE}, names and
 * label names are valid, label values are quoted with their escapes, values are numbers.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public record Sample(String name, Map<String, String> labels, double value) {}

    public record Family(String name, String type, String help, List<Sample> samples) {}

    private final Map<String, Family> families = new LinkedHashMap<>();

    public static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        Map<String, String> help = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                check(parts.length == 2 && NAME.matcher(parts[0]).matches(), lineNo, line);
                check(
                        List.of("counter", "gauge", "histogram", "summary", "untyped")
                                .contains(parts[1]),
                        lineNo,
                        line);
                check(!p.families.containsKey(parts[0]), lineNo, "family declared twice: " + line);
                p.families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0]), new ArrayList<>()));
            } else if (line.startsWith("#")) {
                continue; // a comment
            } else {
                Sample s = sample(line, lineNo);
                Family f = p.familyOf(s.name());
                check(f != null, lineNo, "sample without a # TYPE: " + line);
                f.samples().add(s);
            }
        }
        return p;
    }

    private Family familyOf(String sample) {
        Family f = families.get(sample);
        if (f != null) {
            return f;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
            if (sample.endsWith(suffix)) {
                f = families.get(sample.substring(0, sample.length() - suffix.length()));
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Sample sample(String line, int lineNo) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        check(NAME.matcher(name).matches(), lineNo, "bad metric name: " + line);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                check(LABEL.matcher(label).matches(), lineNo, "bad label name: " + line);
                check(line.charAt(eq + 1) == '"', lineNo, "unquoted label value: " + line);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(
                                switch (next) {
                                    case 'n' -> '\n';
                                    case '\\' -> '\\';
                                    case '"' -> '"';
                                    default ->
                                        throw new IllegalArgumentException("line " + lineNo + ": bad escape: " + line);
                                });
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                check(labels.put(label, value.toString()) == null, lineNo, "label twice: " + line);
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        check(line.charAt(i) == ' ', lineNo, "no value: " + line);
        String[] rest = line.substring(i + 1).trim().split(" ");
        check(rest.length <= 2, lineNo, "extra fields: " + line);
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        if (rest.length == 2) {
            Long.parseLong(rest[1]); // a timestamp in milliseconds
        }
        return new Sample(name, labels, value);
    }

    private static void check(boolean ok, int line, String what) {
        if (!ok) {
            throw new IllegalArgumentException("line " + line + ": " + what);
        }
    }

    public Family family(String name) {
        return families.get(name);
    }

    Map<String, Family> families() {
        return families;
    }

    /** The value of the sample with this name and exactly these labels (pairs), or NaN when absent. */
    public double value(String sample, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        Family f = familyOf(sample);
        if (f == null) {
            return Double.NaN;
        }
        for (Sample s : f.samples()) {
            if (s.name().equals(sample) && s.labels().equals(wanted)) {
                return s.value();
            }
        }
        return Double.NaN;
    }

    /** The value, or 0 when the sample is absent (a counter not yet incremented). */
    public double valueOrZero(String sample, String... labelPairs) {
        double v = value(sample, labelPairs);
        return Double.isNaN(v) ? 0 : v;
    }
}
