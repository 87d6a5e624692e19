package dev.linden.cli.doctor;

import dev.linden.protocol.LdapResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * TLS on each endpoint: StartTLS on the plain port and LDAPS on the TLS port. The JDK completes a
 * handshake (trusting anything) to show the certificate chain, judged by {@link CertificateCheck};
 * hand-made ClientHellos ({@link TlsScan}) list the versions and suites accepted, including those
 * the JDK refuses to offer. No TLS anywhere is an error: binds would send passwords in clear.
 */
final class TlsCheck {
    private TlsCheck() {}

    static void run(Examination x) {
        Target t = x.target;
        List<TlsEndpoint> endpoints = new ArrayList<>();
        if (x.plainPort >= 0) {
            TlsEndpoint startTls = new TlsEndpoint(t.host(), x.plainPort, true);
            boolean advertised = x.rootDse != null
                    && LdapProbe.values(x.rootDse, "supportedExtension").contains(RootDseCheck.START_TLS);
            String refused = startTlsRefusal(t, x.plainPort);
            if (refused == null) {
                endpoints.add(startTls);
            } else if (advertised) {
                x.add(new Finding(
                        "starttls",
                        Severity.WARN,
                        startTls.label(),
                        "StartTLS is advertised but fails",
                        refused,
                        Fixes.STARTTLS_FAILS));
            } else {
                x.add(Finding.info("starttls", x.where(x.plainPort), "StartTLS is not offered", refused));
            }
        }
        if (x.tlsPort >= 0) {
            endpoints.add(new TlsEndpoint(t.host(), x.tlsPort, false));
        }
        if (endpoints.isEmpty()) {
            x.add(new Finding(
                    "tls.none",
                    Severity.ERROR,
                    "",
                    "no TLS: neither StartTLS nor LDAPS",
                    "every bind sends its password in clear",
                    Fixes.NO_TLS));
            return;
        }
        for (TlsEndpoint e : endpoints) {
            examine(x, e);
        }
    }

    private static String startTlsRefusal(Target t, int port) {
        try (LdapProbe probe = LdapProbe.plain(t.host(), port, t.timeoutMillis())) {
            LdapResult r = probe.startTls();
            return LdapProbe.isSuccess(r)
                    ? null
                    : "the server answers " + r.code().name().toLowerCase(Locale.ROOT) + " ("
                            + r.code().code() + ")"
                            + (r.diagnosticMessage().isEmpty() ? "" : ": " + r.diagnosticMessage());
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static void examine(Examination x, TlsEndpoint e) {
        Target t = x.target;
        X509Certificate[] chain = null;
        String jdkProtocol = null;
        try (LdapProbe probe = e.startTls()
                ? LdapProbe.plain(t.host(), e.port(), t.timeoutMillis())
                : LdapProbe.ldaps(t.host(), e.port(), t.timeoutMillis(), TrustAll.context(), t.serverName(), false)) {
            SSLSocket s;
            if (e.startTls()) {
                if (!LdapProbe.isSuccess(probe.startTls())) {
                    throw new IOException("StartTLS refused");
                }
                s = probe.upgrade(t.serverName(), TrustAll.context(), false);
            } else {
                s = (SSLSocket) probe.socket();
            }
            chain = (X509Certificate[]) s.getSession().getPeerCertificates();
            jdkProtocol = s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        } catch (IOException | ClassCastException ex) {
            // the JDK could not finish (only old versions or suites, say): the clear handshake may still show it
        }
        TlsScan.Result scan = new TlsScan(e, t.timeoutMillis(), t.serverName()).run();
        if (chain == null && !scan.certificates().isEmpty()) {
            chain = parse(scan.certificates());
        }
        if (chain != null && chain.length > 0) {
            x.chains.put(e, chain);
            CertificateCheck.run(x, e.label(), chain, Instant.now());
        } else {
            x.add(new Finding(
                    "cert.trust",
                    Severity.ERROR,
                    e.label(),
                    "no certificate could be read",
                    "neither the JDK nor a clear handshake got one",
                    Fixes.NO_TLS));
        }
        versions(x, e, scan, jdkProtocol);
        suites(x, e, scan);
    }

    private static X509Certificate[] parse(List<byte[]> ders) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (byte[] d : ders) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(d)));
            }
            return out.toArray(X509Certificate[]::new);
        } catch (CertificateException ex) {
            return null;
        }
    }

    private static void versions(Examination x, TlsEndpoint e, TlsScan.Result scan, String jdkProtocol) {
        List<String> names =
                scan.accepted().keySet().stream().map(TlsHello::versionName).toList();
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("versions", names);
        Map<String, List<String>> suites = new LinkedHashMap<>();
        scan.accepted()
                .forEach((v, list) -> suites.put(
                        TlsHello.versionName(v),
                        list.stream().map(c -> CipherSuites.of(c).name()).toList()));
        fact.put("suites", suites);
        if (jdkProtocol != null) {
            fact.put("jdkHandshake", jdkProtocol);
        }
        x.report.fact("tls " + e.label(), fact);
        String where = e.label();
        if (scan.error() != null && scan.accepted().isEmpty()) {
            x.add(new Finding(
                    "tls.versions",
                    Severity.WARN,
                    where,
                    "the TLS versions could not be probed",
                    scan.error(),
                    Fix.NONE));
            return;
        }
        if (scan.accepted().containsKey(TlsHello.SSL3)) {
            x.add(new Finding(
                    "tls.versions", Severity.ERROR, where, "SSLv3 is accepted", "offered: " + names, Fixes.OLD_TLS));
        }
        List<String> old = new ArrayList<>();
        for (int v : List.of(TlsHello.TLS10, TlsHello.TLS11)) {
            if (scan.accepted().containsKey(v)) {
                old.add(TlsHello.versionName(v));
            }
        }
        if (!old.isEmpty()) {
            x.add(new Finding(
                    "tls.versions",
                    Severity.WARN,
                    where,
                    String.join(" and ", old) + " accepted",
                    "offered: " + names + "; both are deprecated (RFC 8996)",
                    Fixes.OLD_TLS));
        }
        if (!scan.accepted().containsKey(TlsHello.TLS12) && !scan.accepted().containsKey(TlsHello.TLS13)) {
            x.add(new Finding(
                    "tls.versions",
                    Severity.ERROR,
                    where,
                    "neither TLS 1.2 nor 1.3",
                    "offered: " + names,
                    Fixes.NO_MODERN_TLS));
        } else if (old.isEmpty() && !scan.accepted().containsKey(TlsHello.SSL3)) {
            x.add(Finding.ok("tls.versions", where, String.join(", ", names), null));
        }
    }

    private static void suites(Examination x, TlsEndpoint e, TlsScan.Result scan) {
        Map<String, List<String>> broken = new LinkedHashMap<>(); // suite to the versions it was accepted in
        Map<String, List<String>> weak = new LinkedHashMap<>();
        int total = 0;
        for (var entry : scan.accepted().entrySet()) {
            for (int code : entry.getValue()) {
                total++;
                CipherSuites.Suite s = CipherSuites.of(code);
                String version = TlsHello.versionName(entry.getKey());
                if (s.grade() == CipherSuites.Grade.BROKEN) {
                    broken.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(version);
                } else if (s.grade() == CipherSuites.Grade.WEAK) {
                    weak.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(version);
                }
            }
        }
        String where = e.label();
        if (!broken.isEmpty()) {
            x.add(new Finding(
                    "tls.ciphers",
                    Severity.ERROR,
                    where,
                    "broken cipher suites accepted",
                    listed(broken),
                    Fixes.WEAK_CIPHERS));
        }
        if (!weak.isEmpty()) {
            x.add(new Finding(
                    "tls.ciphers",
                    Severity.WARN,
                    where,
                    "3DES cipher suites accepted",
                    listed(weak),
                    Fixes.WEAK_CIPHERS));
        }
        if (broken.isEmpty() && weak.isEmpty() && total > 0) {
            x.add(Finding.ok(
                    "tls.ciphers",
                    where,
                    total + " cipher suites accepted, none weak" + (scan.capped() ? " (probe capped)" : ""),
                    null));
        }
    }

    /** "TLS_RSA_WITH_3DES_EDE_CBC_SHA (TLSv1.0, TLSv1.2); ..." */
    private static String listed(Map<String, List<String>> suites) {
        List<String> out = new ArrayList<>();
        suites.forEach((name, versions) -> out.add(name + " (" + String.join(", ", versions) + ")"));
        return String.join("; ", out);
    }
}
