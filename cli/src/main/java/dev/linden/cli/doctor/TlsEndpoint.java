package dev.linden.cli.doctor;

import java.io.IOException;
import java.net.Socket;

/**
 * Where TLS is spoken: LDAPS (TLS from the first byte) or StartTLS on the plain port. {@link #open}
 * gives a socket ready for a ClientHello, whichever it is.
 */
record TlsEndpoint(String host, int port, boolean startTls) {
    String label() {
        return port + "/tcp (" + (startTls ? "StartTLS" : "LDAPS") + ")";
    }

    /** A connection at the point where the client speaks first in TLS. */
    Socket open(int timeoutMillis) throws IOException {
        if (!startTls) {
            return LdapProbe.open(host, port, timeoutMillis);
        }
        LdapProbe probe = LdapProbe.plain(host, port, timeoutMillis);
        try {
            var result = probe.startTls();
            if (!LdapProbe.isSuccess(result)) {
                throw new IOException("StartTLS refused: " + result.code().name());
            }
            return probe.socket();
        } catch (IOException e) {
            probe.close();
            throw e;
        }
    }
}
