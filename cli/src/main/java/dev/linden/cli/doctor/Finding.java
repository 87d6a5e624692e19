package dev.linden.cli.doctor;

/**
 * One thing doctor found.
 *
 * @param check the check's identifier, stable for scripts (e.g. "tls.versions", "bind.cleartext")
 * @param where what it is about: "389/tcp", "636/tcp (LDAPS)", "389/udp", or "" for the server as a whole
 * @param summary one line
 * @param detail what was seen, or null
 * @param fix what to change, when there is something to change
 */
public record Finding(String check, Severity severity, String where, String summary, String detail, Fix fix) {
    public Finding {
        fix = fix == null ? Fix.NONE : fix;
    }

    static Finding ok(String check, String where, String summary, String detail) {
        return new Finding(check, Severity.OK, where, summary, detail, Fix.NONE);
    }

    static Finding info(String check, String where, String summary, String detail) {
        return new Finding(check, Severity.INFO, where, summary, detail, Fix.NONE);
    }
}
