package dev.linden.cli.doctor;

import dev.linden.protocol.op.SearchResultEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the checks learn as they go, for the checks after them, and the report they write to. */
final class Examination {
    final Target target;
    final Report report;
    /** TCP port to its state ("open", "closed", "filtered", "unreachable"). */
    final Map<Integer, String> ports = new LinkedHashMap<>();
    /** An open port that speaks LDAP in clear, or -1. */
    int plainPort = -1;
    /** An open port that speaks TLS from the first byte, or -1. */
    int tlsPort = -1;

    SearchResultEntry rootDse;
    /** When the root DSE was read (for the clock check). */
    java.time.Instant rootDseReadAt;

    boolean activeDirectory;
    final List<String> namingContexts = new ArrayList<>();
    /** The TLS endpoints that completed a handshake, and the certificate chain each showed. */
    final Map<TlsEndpoint, X509Certificate[]> chains = new LinkedHashMap<>();

    Examination(Target target) {
        this.target = target;
        this.report = new Report(target.display());
    }

    void add(Finding f) {
        report.add(f);
    }

    String where(int port) {
        return port + "/tcp";
    }
}
