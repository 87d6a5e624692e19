package dev.linden.it.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linden.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code linden doctor} in this JVM, as the command line would, and reads its JSON report. */
record DoctorRun(int exit, String out, JsonNode json) {
    static synchronized DoctorRun run(String... args) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.setOut(saved);
        }
        String out = o.toString(StandardCharsets.UTF_8);
        boolean json = List.of(args).contains("--json");
        return new DoctorRun(exit, out, json ? new ObjectMapper().readTree(out) : null);
    }

    /** The findings of a check ("tls.versions"...) at a severity ("warn"...), as "where: summary" lines. */
    List<String> findings(String check, String severity) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            if (f.get("check").asText().equals(check)
                    && f.get("severity").asText().equals(severity)) {
                out.add(f.get("where").asText() + ": " + f.get("summary").asText());
            }
        }
        return out;
    }

    /** Every finding at WARN or ERROR, as "severity check where: summary". */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (JsonNode f : json.get("findings")) {
            String s = f.get("severity").asText();
            if (s.equals("warn") || s.equals("error")) {
                out.add(s + " " + f.get("check").asText() + " " + f.get("where").asText() + ": "
                        + f.get("summary").asText());
            }
        }
        return out;
    }
}
