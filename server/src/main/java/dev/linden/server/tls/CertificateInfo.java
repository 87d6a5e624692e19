package dev.linden.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * What the start banner says about a PEM certificate (the first of a chain): its SHA-256
 * fingerprint, written as {@code openssl x509 -fingerprint -sha256} writes it, so a client can
 * check by eye that the certificate it is asked to trust is the server's; and a host name it is
 * valid for, for a command line that connects by a name the certificate matches.
 */
public record CertificateInfo(String sha256, String dnsName) {

    /** Reads the certificate; {@code dnsName} is its first non-wildcard DNS name, or null. */
    public static CertificateInfo of(Path pem) throws IOException, GeneralSecurityException {
        X509Certificate first;
        try (InputStream in = Files.newInputStream(pem)) {
            first = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(first.getEncoded());
        return new CertificateInfo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), dnsName(first));
    }

    private static String dnsName(X509Certificate certificate) throws GeneralSecurityException {
        var names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return null;
        }
        for (List<?> name : names) {
            if (Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dns && !dns.startsWith("*")) {
                return dns; // 2: dNSName (RFC 5280)
            }
        }
        return null;
    }
}
