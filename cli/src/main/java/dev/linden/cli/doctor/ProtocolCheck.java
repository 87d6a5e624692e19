package dev.linden.cli.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * What each open port speaks: an anonymous bind in clear (does LDAP answer?) and, failing that, a
 * ClientHello (does TLS?). The classic mistakes are TLS on 389 (ldaps:// configured where ldap://
 * belongs, or a TLS proxy) and plain LDAP on 636; clients then fail with unhelpful errors.
 */
final class ProtocolCheck {
    /** An anonymous LDAPv3 bind, message ID 1. */
    private static final byte[] ANONYMOUS_BIND = {
        0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, (byte) 0x80, 0x00
    };

    enum Speaks {
        LDAP,
        TLS,
        OTHER,
        SILENT
    }

    private ProtocolCheck() {}

    static Speaks speaks(String host, int port, int timeoutMillis, String serverName) {
        try (Socket s = LdapProbe.open(host, port, timeoutMillis)) {
            s.getOutputStream().write(ANONYMOUS_BIND);
            s.getOutputStream().flush();
            int first = firstByte(s.getInputStream());
            if (first == 0x30) {
                return Speaks.LDAP;
            }
            if (first == 0x15 || first == 0x16) {
                return Speaks.TLS; // an alert: TLS read our bind as a broken record
            }
        } catch (IOException e) {
            // below: try TLS
        }
        try (Socket s = LdapProbe.open(host, port, timeoutMillis)) {
            s.getOutputStream().write(TlsHello.clientHello(TlsHello.TLS12, CipherSuites.upToTls12(), serverName));
            s.getOutputStream().flush();
            TlsHello.Reply r = TlsHello.read(s.getInputStream());
            return switch (r.kind()) {
                case SERVER_HELLO, ALERT -> Speaks.TLS;
                case SILENT -> Speaks.SILENT;
                case NOT_TLS, CLOSED -> Speaks.OTHER;
            };
        } catch (IOException e) {
            return Speaks.OTHER;
        }
    }

    private static int firstByte(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }

    static void run(Examination x) {
        Target t = x.target;
        for (var e : x.ports.entrySet()) {
            if (!e.getValue().equals("open")) {
                continue;
            }
            int port = e.getKey();
            boolean tlsExpected = port == t.ldapsPort() && port != t.ldapPort();
            Speaks speaks = speaks(t.host(), port, t.timeoutMillis(), t.serverName());
            switch (speaks) {
                case LDAP -> {
                    if (x.plainPort < 0) {
                        x.plainPort = port;
                    }
                    x.add(
                            tlsExpected
                                    ? new Finding(
                                            "protocol.mismatch",
                                            Severity.ERROR,
                                            x.where(port),
                                            "plain LDAP on the LDAPS port",
                                            "an anonymous bind in clear was answered; "
                                                    + "ldaps:// clients fail their handshake here",
                                            Fixes.PLAIN_ON_TLS_PORT)
                                    : Finding.ok("protocol", x.where(port), "speaks LDAP", null));
                }
                case TLS -> {
                    if (x.tlsPort < 0) {
                        x.tlsPort = port;
                    }
                    x.add(
                            tlsExpected
                                    ? Finding.ok("protocol", x.where(port), "speaks TLS (LDAPS)", null)
                                    : new Finding(
                                            "protocol.mismatch",
                                            Severity.ERROR,
                                            x.where(port),
                                            "TLS on the plain LDAP port",
                                            "a TLS handshake is answered; ldap:// clients and StartTLS fail here",
                                            Fixes.TLS_ON_PLAIN_PORT));
                }
                case OTHER, SILENT ->
                    x.add(new Finding(
                            "protocol",
                            Severity.WARN,
                            x.where(port),
                            "speaks neither LDAP nor TLS",
                            speaks == Speaks.SILENT
                                    ? "accepts connections but answers nothing"
                                    : "answers something else",
                            Fixes.NO_PORT));
            }
        }
    }
}
