package dev.linden.cli.doctor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which TLS versions an endpoint accepts and, for each, which of doctor's suites: one hand-made
 * ClientHello per question, on a fresh connection, taking away each suite the server picks until it
 * refuses the rest. The number of handshakes is capped, so a server that accepts everything costs a
 * bounded time.
 */
final class TlsScan {
    private static final int MAX_HANDSHAKES = 120;
    private static final List<Integer> VERSIONS =
            List.of(TlsHello.SSL3, TlsHello.TLS10, TlsHello.TLS11, TlsHello.TLS12, TlsHello.TLS13);

    /** The accepted suites by version (only versions accepted); the certificates from a clear handshake, if any. */
    record Result(Map<Integer, List<Integer>> accepted, List<byte[]> certificates, boolean capped, String error) {}

    private final TlsEndpoint endpoint;
    private final int timeoutMillis;
    private final String serverName;
    private int handshakes;

    TlsScan(TlsEndpoint endpoint, int timeoutMillis, String serverName) {
        this.endpoint = endpoint;
        this.timeoutMillis = timeoutMillis;
        this.serverName = serverName;
    }

    Result run() {
        Map<Integer, List<Integer>> accepted = new LinkedHashMap<>();
        List<byte[]> certificates = List.of();
        try {
            for (int version : VERSIONS) {
                List<Integer> remaining =
                        new ArrayList<>(version == TlsHello.TLS13 ? CipherSuites.tls13() : CipherSuites.upToTls12());
                List<Integer> suites = new ArrayList<>();
                while (!remaining.isEmpty() && handshakes < MAX_HANDSHAKES) {
                    TlsHello.Reply reply = hello(version, remaining);
                    if (reply.kind() != TlsHello.Reply.Kind.SERVER_HELLO
                            || reply.version() != version
                            || !remaining.contains(reply.suite())) {
                        break;
                    }
                    suites.add(reply.suite());
                    remaining.remove(Integer.valueOf(reply.suite()));
                    if (certificates.isEmpty() && !reply.certificates().isEmpty()) {
                        certificates = reply.certificates();
                    }
                }
                if (!suites.isEmpty()) {
                    accepted.put(version, suites);
                }
            }
        } catch (IOException e) {
            return new Result(accepted, certificates, false, e.getMessage());
        }
        return new Result(accepted, certificates, handshakes >= MAX_HANDSHAKES, null);
    }

    private TlsHello.Reply hello(int version, List<Integer> suites) throws IOException {
        handshakes++;
        try (Socket s = endpoint.open(timeoutMillis)) {
            OutputStream out = s.getOutputStream();
            out.write(TlsHello.clientHello(version, suites, serverName));
            out.flush();
            return TlsHello.read(s.getInputStream());
        }
    }
}
