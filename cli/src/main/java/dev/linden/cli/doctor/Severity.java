package dev.linden.cli.doctor;

import java.util.Locale;

/** How much a finding matters; the worst one found sets doctor's exit status (0, 1 or 2). */
public enum Severity {
    /** checked, and as it should be */
    OK,
    /** a fact worth knowing, nothing to fix */
    INFO,
    /** a weakness to fix */
    WARN,
    /** broken, or open to attack */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
