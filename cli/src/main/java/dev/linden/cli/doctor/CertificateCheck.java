package dev.linden.cli.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The certificate chain an endpoint showed: trusted (PKIX, against --ca or the JVM's CAs, judged
 * apart from the dates so an expired certificate is not also called untrusted), the name clients
 * use in its subjectAltName, its dates (an error once expired, a warning within 30 days), its key
 * (RSA under 2048 bits, EC under 256) and its signatures (MD5 or SHA-1 below the trust anchor).
 */
final class CertificateCheck {
    static final Duration SOON = Duration.ofDays(30);

    private CertificateCheck() {}

    static void run(Examination x, String where, X509Certificate[] chain, Instant now) {
        X509Certificate leaf = chain[0];
        x.report.fact("certificate " + where, summary(leaf));
        trust(x, where, chain);
        name(x, where, leaf, x.target.serverName());
        dates(x, where, leaf, now);
        key(x, where, leaf);
        signatures(x, where, chain);
    }

    static Map<String, Object> summary(X509Certificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.getSubjectX500Principal().getName());
        m.put("issuer", c.getIssuerX500Principal().getName());
        m.put("names", names(c));
        m.put("notAfter", c.getNotAfter().toInstant().toString());
        m.put("key", keyText(c));
        m.put("signature", c.getSigAlgName());
        return m;
    }

    private static void trust(Examination x, String where, X509Certificate[] chain) {
        try {
            Set<TrustAnchor> anchors = anchors(x.target.caFile());
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false); // no network look-ups from a diagnostic
            params.setDate(withinAll(chain)); // dates are judged below, on their own
            List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
            // a chain may end with its root; the anchor is not part of the path
            while (!path.isEmpty() && isAnchor(path.get(path.size() - 1), anchors)) {
                path.remove(path.size() - 1);
            }
            if (!path.isEmpty()) {
                CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(path), params);
            }
            x.add(Finding.ok(
                    "cert.trust",
                    where,
                    "the chain is trusted",
                    x.target.caFile() == null ? "against the JVM's CAs" : "against " + x.target.caFile()));
        } catch (GeneralSecurityException | IOException e) {
            x.add(new Finding(
                    "cert.trust",
                    Severity.ERROR,
                    where,
                    "the certificate chain is not trusted",
                    reason(e) + " (issuer "
                            + chain[chain.length - 1].getIssuerX500Principal().getName() + ", " + chain.length
                            + " certificate" + (chain.length == 1 ? "" : "s") + " sent)",
                    Fixes.CERT_UNTRUSTED));
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.contains("Path does not chain") || m.contains("unable to find valid certification path")
                ? "no path to a trusted CA (self-signed, or an intermediate is missing)"
                : m;
    }

    private static boolean isAnchor(X509Certificate c, Set<TrustAnchor> anchors) {
        for (TrustAnchor a : anchors) {
            if (c.equals(a.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }

    private static Date withinAll(X509Certificate[] chain) {
        Instant from = Instant.MIN;
        for (X509Certificate c : chain) {
            Instant nb = c.getNotBefore().toInstant();
            if (nb.isAfter(from)) {
                from = nb;
            }
        }
        return Date.from(from.plusSeconds(1));
    }

    static Set<TrustAnchor> anchors(Path caFile) throws GeneralSecurityException, IOException {
        Set<TrustAnchor> anchors = new HashSet<>();
        if (caFile != null) {
            try (InputStream in = Files.newInputStream(caFile)) {
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.add(new TrustAnchor((X509Certificate) c, null));
                }
            }
            if (anchors.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + caFile);
            }
            return anchors;
        }
        javax.net.ssl.TrustManagerFactory tmf =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof javax.net.ssl.X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    anchors.add(new TrustAnchor(c, null));
                }
            }
        }
        return anchors;
    }

    private static void name(Examination x, String where, X509Certificate leaf, String serverName) {
        List<String> names = names(leaf);
        boolean covered = false;
        boolean address = Names.isAddress(serverName);
        for (String n : names) {
            if (address
                    ? n.startsWith("IP:") && sameAddress(n.substring(3), serverName)
                    : n.startsWith("DNS:") && Names.covers(n.substring(4), serverName)) {
                covered = true;
            }
        }
        if (covered) {
            x.add(Finding.ok("cert.name", where, "the certificate names " + serverName, String.join(", ", names)));
        } else {
            x.add(new Finding(
                    "cert.name",
                    Severity.ERROR,
                    where,
                    "the certificate does not name " + serverName,
                    "subjectAltName "
                            + (names.isEmpty() ? "missing (clients ignore the CN)" : String.join(", ", names)),
                    Fixes.CERT_NAME));
        }
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals: no look-up
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no names
        }
        return out;
    }

    private static void dates(Examination x, String where, X509Certificate leaf, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            x.add(new Finding(
                    "cert.expiry",
                    Severity.ERROR,
                    where,
                    "the certificate expired on " + notAfter,
                    Duration.between(notAfter, now).toDays() + " days ago; clients that check refuse to connect",
                    Fixes.CERT_EXPIRY));
        } else if (now.isBefore(notBefore)) {
            x.add(new Finding(
                    "cert.expiry",
                    Severity.ERROR,
                    where,
                    "the certificate is not valid before " + notBefore,
                    "check this machine's clock or the server's certificate",
                    Fixes.CERT_EXPIRY));
        } else if (Duration.between(now, notAfter).compareTo(SOON) < 0) {
            x.add(new Finding(
                    "cert.expiry",
                    Severity.WARN,
                    where,
                    "the certificate expires on " + notAfter,
                    "in " + Duration.between(now, notAfter).toDays() + " days",
                    Fixes.CERT_EXPIRY));
        } else {
            x.add(Finding.ok(
                    "cert.expiry",
                    where,
                    "valid until " + notAfter,
                    Duration.between(now, notAfter).toDays() + " days left"));
        }
    }

    private static void key(Examination x, String where, X509Certificate leaf) {
        var k = leaf.getPublicKey();
        boolean weak = k instanceof RSAPublicKey r && r.getModulus().bitLength() < 2048
                || k instanceof ECPublicKey e
                        && e.getParams().getCurve().getField().getFieldSize() < 256
                || k.getAlgorithm().equals("DSA");
        x.add(
                weak
                        ? new Finding(
                                "cert.key", Severity.ERROR, where, "a weak key: " + keyText(leaf), null, Fixes.CERT_KEY)
                        : Finding.ok("cert.key", where, keyText(leaf), null));
    }

    static String keyText(X509Certificate c) {
        var k = c.getPublicKey();
        if (k instanceof RSAPublicKey r) {
            return "RSA " + r.getModulus().bitLength() + " bits";
        }
        if (k instanceof ECPublicKey e) {
            return "EC " + e.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        return k.getAlgorithm();
    }

    private static void signatures(Examination x, String where, X509Certificate[] chain) {
        List<String> weak = new ArrayList<>();
        for (X509Certificate c : chain) {
            boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
            String alg = c.getSigAlgName().toUpperCase(Locale.ROOT);
            if (!selfSigned && (alg.contains("MD5") || alg.contains("SHA1"))) {
                weak.add(c.getSubjectX500Principal().getName() + " (" + c.getSigAlgName() + ")");
            }
        }
        x.add(
                weak.isEmpty()
                        ? Finding.ok("cert.signature", where, "signed with " + chain[0].getSigAlgName(), null)
                        : new Finding(
                                "cert.signature",
                                Severity.ERROR,
                                where,
                                "signed with a broken hash",
                                String.join("; ", weak),
                                Fixes.CERT_SIGNATURE));
    }
}
