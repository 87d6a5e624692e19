package dev.linden.cli.doctor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What doctor found about one server: the findings in the order they were made, and facts worth showing (vendor...). */
public final class Report {
    private final String target;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private long elapsedMillis;

    Report(String target) {
        this.target = target;
    }

    void add(Finding f) {
        findings.add(f);
    }

    void fact(String key, Object value) {
        if (value != null) {
            facts.put(key, value);
        }
    }

    void elapsed(long millis) {
        this.elapsedMillis = millis;
    }

    public String target() {
        return target;
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    public Map<String, Object> facts() {
        return Collections.unmodifiableMap(facts);
    }

    public long elapsedMillis() {
        return elapsedMillis;
    }

    public Severity worst() {
        Severity worst = Severity.OK;
        for (Finding f : findings) {
            if (f.severity().compareTo(worst) > 0) {
                worst = f.severity();
            }
        }
        return worst;
    }

    /** 0: nothing to fix; 1: warnings; 2: errors. */
    public int exitStatus() {
        return switch (worst()) {
            case ERROR -> 2;
            case WARN -> 1;
            case OK, INFO -> 0;
        };
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
