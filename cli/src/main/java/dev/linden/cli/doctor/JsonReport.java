package dev.linden.cli.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report for scripts, in the schema docs/doctor.md describes (version 1). */
final class JsonReport {
    static final int SCHEMA_VERSION = 1;

    private JsonReport() {}

    static String render(Report r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("target", r.target());
        root.put("status", r.worst().label());
        root.put("exitStatus", r.exitStatus());
        root.put("elapsedMillis", r.elapsedMillis());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s.label(), r.count(s));
        }
        root.put("counts", counts);
        root.put("facts", r.facts());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", f.check());
            m.put("severity", f.severity().label());
            m.put("where", f.where());
            m.put("summary", f.summary());
            m.put("detail", f.detail());
            if (!f.fix().isEmpty()) {
                Map<String, String> fix = new LinkedHashMap<>();
                fix.put("openldap", f.fix().openldap());
                fix.put("activeDirectory", f.fix().activeDirectory());
                fix.put("linden", f.fix().linden());
                m.put("fix", fix);
            }
            findings.add(m);
        }
        root.put("findings", findings);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
