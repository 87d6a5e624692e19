package dev.linden.cli;

import dev.linden.server.Linden;
import dev.linden.server.config.Settings;
import dev.linden.server.tls.CertificateInfo;
import dev.linden.server.tls.TlsSettings;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What {@code linden serve} prints once it listens: where it listens, its certificate and the
 * certificate's fingerprint, and a command that logs in as the administrator as printed. The
 * administrator's password is never printed: the command asks for it ({@code -W}).
 */
final class StartBanner {
    private StartBanner() {}

    static void print(PrintStream out, Settings settings, Linden linden) {
        TlsSettings tls = settings.tls();
        CertificateInfo certificate = certificate(tls);
        out.printf(
                "Linden %s serving %s on ldap://%s:%d/%s%n",
                Linden.VERSION,
                settings.suffix(),
                urlHost(settings.host()),
                linden.port(),
                tls == null ? "" : " (StartTLS)");
        if (linden.ldapsPort() >= 0) {
            out.printf("  LDAPS       ldaps://%s:%d/%n", urlHost(settings.host()), linden.ldapsPort());
        }
        if (tls != null) {
            Path file = tls.usesKeystore() ? tls.keystore() : tls.certificate();
            out.printf(
                    "  certificate %s%s%n",
                    file.toAbsolutePath(), tls.selfSigned() ? " (self-signed, made on first start)" : "");
            if (certificate != null) {
                out.printf("              SHA-256 fingerprint %s%n", certificate.sha256());
            }
        } else {
            out.printf("  TLS         off (tls.enabled: false)%n");
        }
        out.printf("  root DN     %s%n", settings.rootDn());
        out.printf(
                "  data        %s%n",
                settings.storage().equals("memory")
                        ? "in memory (nothing is saved)"
                        : settings.dataDir().toAbsolutePath());
        var o = settings.observability();
        if (o.accessLog().enabled()) {
            out.printf("  access log  %s%n", o.accessLog().file().toAbsolutePath());
        }
        if (linden.observability().metricsPort() >= 0) {
            out.printf(
                    "  metrics     http://%s:%d/metrics%n",
                    o.metrics().host(), linden.observability().metricsPort());
        }
        out.printf(
                "Log in as the administrator (the command asks for the password):%n  %s%n",
                loginCommand(settings, linden.port(), certificate));
        out.printf("Stop with Ctrl-C.%n");
        out.flush();
    }

    private static CertificateInfo certificate(TlsSettings tls) {
        if (tls == null || tls.usesKeystore()) {
            return null;
        }
        try {
            return CertificateInfo.of(tls.certificate());
        } catch (Exception e) {
            return null; // the server loaded it a moment ago; a banner without the fingerprint is still right
        }
    }

    /**
     * ldapwhoami over StartTLS, trusting the self-signed certificate (LDAPTLS_CACERT) and connecting
     * by a name it is valid for; without TLS, a plain bind where the settings allow one.
     */
    static String loginCommand(Settings settings, int port, CertificateInfo certificate) {
        String rootDn = ShellWord.quote(settings.rootDn());
        TlsSettings tls = settings.tls();
        if (tls == null) { // only started when binds without TLS are allowed (LoginCheck)
            boolean loopbackOnly = settings.security().tlsForBind();
            String host = loopbackOnly ? "127.0.0.1" : urlHost(settings.host());
            return "ldapwhoami -x -H ldap://" + host + ":" + port + " -D " + rootDn + " -W";
        }
        String host = wildcardOrLoopback(settings.host()) ? "localhost" : urlHost(settings.host());
        if (!tls.selfSigned() && certificate != null && certificate.dnsName() != null) {
            host = certificate.dnsName();
        }
        String trust = tls.selfSigned()
                ? "LDAPTLS_CACERT="
                        + ShellWord.quote(tls.certificate().toAbsolutePath().toString()) + " "
                : "";
        return trust + "ldapwhoami -x -ZZ -H ldap://" + host + ":" + port + " -D " + rootDn + " -W";
    }

    private static boolean wildcardOrLoopback(String host) {
        return host.equals("0.0.0.0")
                || host.equals("::")
                || host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("::1");
    }

    private static String urlHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
