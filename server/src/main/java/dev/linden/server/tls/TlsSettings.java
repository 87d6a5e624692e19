package dev.linden.server.tls;

import java.nio.file.Path;

/**
 * Where the server's certificate comes from: PEM files (certificate chain and PKCS#8 private key)
 * or a PKCS#12 keystore; and whether clients are asked for a certificate, trusted through
 * {@code clientCa} (PEM, one or more CA certificates). {@code selfSigned}: the PEM files are made on
 * first start when missing.
 */
public record TlsSettings(
        Path certificate,
        Path privateKey,
        Path keystore,
        String keystorePassword,
        ClientAuth clientAuth,
        Path clientCa,
        boolean selfSigned) {

    public enum ClientAuth {
        NONE,
        OPTIONAL,
        REQUIRE
    }

    public boolean usesKeystore() {
        return keystore != null;
    }
}
