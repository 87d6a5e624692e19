package dev.linden.server.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed server certificate (EC P-256, valid for localhost, this machine's host name,
 * 127.0.0.1 and ::1, plus any names given) and writes it and its key as PEM, so LDAPS and StartTLS work out of the box.
 */
public final class SelfSignedCertificate {
    private SelfSignedCertificate() {}

    public record PemFiles(Path certificate, Path privateKey) {}

    /** Writes cert.pem and key.pem into {@code dir} unless they exist already; returns their paths. */
    public static PemFiles ensure(Path dir, String... extraHostNames) throws IOException, GeneralSecurityException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (Files.exists(cert) && Files.exists(key)) {
            return new PemFiles(cert, key);
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = certificate(pair, extraHostNames);
        try (Writer w = Files.newBufferedWriter(cert, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(certificate);
        }
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(key, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null));
        }
        return new PemFiles(cert, key);
    }

    private static java.util.List<String> localHostNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        try {
            java.net.InetAddress local = java.net.InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getCanonicalHostName());
        } catch (java.io.IOException e) {
            // no resolvable host name: localhost and the loopback addresses still work
        }
        names.removeIf(n -> n.isBlank() || Character.isDigit(n.charAt(0)) || n.contains(":"));
        return names;
    }

    /** An IPv4 or IPv6 literal (an address a certificate names as iPAddress, not dNSName). */
    private static boolean isAddress(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    static X509Certificate certificate(KeyPair pair, String... extraHostNames) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=localhost,O=Linden self-signed");
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>(java.util.List.of("localhost"));
        hosts.addAll(localHostNames()); // clients such as libldap check the name they resolve "localhost" to
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>(java.util.List.of("127.0.0.1", "::1"));
        for (String extra : extraHostNames) {
            if (extra == null || extra.isBlank() || extra.equals("0.0.0.0") || extra.equals("::")) {
                continue; // a wildcard listener: the names above cover this machine
            }
            (isAddress(extra) ? addresses : hosts).add(extra);
        }
        java.util.List<GeneralName> list = new java.util.ArrayList<>();
        hosts.forEach(h -> list.add(new GeneralName(GeneralName.dNSName, h)));
        addresses.forEach(a -> list.add(new GeneralName(GeneralName.iPAddress, a)));
        GeneralName[] names = list.toArray(GeneralName[]::new);
        try {
            var builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(825))),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make a certificate: " + e.getMessage(), e);
        }
    }
}
