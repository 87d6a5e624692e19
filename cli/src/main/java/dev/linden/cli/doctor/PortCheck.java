package dev.linden.cli.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Is anything listening: a TCP connection to each port at once, told apart by how it fails. A
 * refusal (RST) comes at once and means closed; silence until the timeout means the packets are
 * dropped on the way (filtered); an ICMP error means unreachable. All ports are tried together, so
 * the whole check takes one timeout at most.
 */
final class PortCheck {
    private PortCheck() {}

    static String state(String host, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return "open";
        } catch (ConnectException e) {
            return e.getMessage() != null && e.getMessage().contains("refused") ? "closed" : "unreachable";
        } catch (SocketTimeoutException e) {
            return "filtered";
        } catch (NoRouteToHostException e) {
            return "unreachable";
        } catch (IOException e) {
            return "unreachable";
        }
    }

    /** The states of {@code ports}, probed in parallel. */
    static Map<Integer, String> states(String host, List<Integer> ports, int timeoutMillis) {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            for (int p : ports) {
                futures.add(pool.submit(() -> state(host, p, timeoutMillis)));
            }
            for (int i = 0; i < ports.size(); i++) {
                try {
                    out.put(ports.get(i), futures.get(i).get());
                } catch (Exception e) {
                    out.put(ports.get(i), "unreachable");
                }
            }
        }
        return out;
    }

    static void run(Examination x) {
        Target t = x.target;
        List<Integer> ports = new ArrayList<>(List.of(t.ldapPort()));
        if (t.ldapsPort() > 0 && t.ldapsPort() != t.ldapPort()) {
            ports.add(t.ldapsPort());
        }
        x.ports.putAll(states(t.host(), ports, t.timeoutMillis()));
        boolean any = false;
        for (var e : x.ports.entrySet()) {
            any |= e.getValue().equals("open");
            x.add(finding(e.getKey(), e.getValue(), t.timeoutMillis()));
        }
        x.report.fact("ports", Map.copyOf(x.ports));
        if (!any) {
            x.add(new Finding(
                    "tcp.reachable",
                    Severity.ERROR,
                    "",
                    "no LDAP port answers on " + t.host(),
                    "ports " + x.ports,
                    Fixes.NO_PORT));
        }
    }

    static Finding finding(int port, String state, int timeoutMillis) {
        String detail = switch (state) {
            case "open" -> "accepts connections";
            case "closed" -> "refused at once (nothing listens there)";
            case "filtered" -> "no answer within " + timeoutMillis + " ms (a firewall drops the packets)";
            default -> "an ICMP error came back (no route, or a firewall that rejects)";
        };
        Severity s = state.equals("open") ? Severity.OK : Severity.INFO;
        return new Finding("tcp.port", s, port + "/tcp", state, detail, Fix.NONE);
    }
}
