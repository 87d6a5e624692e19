package dev.linden.it.doctor;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the doctor tests, made to order: a CA, and server certificates it signs (or
 * self-signed ones) with chosen dates, names and RSA key size, written as PEM for slapd (GnuTLS
 * reads PKCS#8 keys) and for doctor's --ca.
 */
final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    record Issued(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {}

    private TestCertificates() {}

    static Issued ca(Path dir) throws Exception {
        KeyPair pair = rsa(2048);
        X500Name name = new X500Name("CN=Linden Doctor Test CA");
        var b = new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(Instant.now().minusSeconds(86_400)),
                Date.from(Instant.now().plusSeconds(86_400 * 3650L)),
                name,
                pair.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate c = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        return write(dir, "ca", c, pair.getPrivate());
    }

    /**
     * A server certificate for 127.0.0.1 and localhost, valid from {@code notBefore} to {@code notAfter},
     * signed by {@code ca} (null: self-signed).
     */
    static Issued server(Path dir, String file, Issued ca, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair pair = rsa(2048);
        X500Name subject = new X500Name("CN=localhost");
        X500Name issuer = ca == null
                ? subject
                : new X500Name(ca.certificate().getSubjectX500Principal().getName());
        var b = new JcaX509v3CertificateBuilder(
                issuer, serial(), Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        }));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        PrivateKey signer = ca == null ? pair.getPrivate() : ca.key();
        X509Certificate c = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
        return write(dir, file, c, pair.getPrivate());
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits, RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static Issued write(Path dir, String name, X509Certificate c, PrivateKey key) throws IOException {
        Path cert = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + "-key.pem");
        try (Writer w = Files.newBufferedWriter(cert, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(c);
        }
        try (Writer w = Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        return new Issued(c, key, cert, keyFile);
    }
}
