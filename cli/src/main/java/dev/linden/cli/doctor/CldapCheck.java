package dev.linden.cli.doctor;

import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerFrames;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.netlogon.NetlogonFormatException;
import dev.linden.protocol.netlogon.NetlogonResponse;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultEntry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLDAP (LDAP over UDP): does the server answer a root DSE search, the query reflection attacks
 * use, and an LDAP ping, and how many bytes come back for each byte sent. Open CLDAP servers have
 * carried attacks at 55-70 times amplification; anything answering the root DSE over UDP is one.
 */
final class CldapCheck {
    static final int RATIO_ERROR = 10;

    private CldapCheck() {}

    /** What one datagram got back: its size and LDAP messages, or null. */
    record Exchange(int sent, byte[] answer, List<LdapMessage> messages) {
        double ratio() {
            return answer == null ? 0 : (double) answer.length / sent;
        }
    }

    static Exchange exchange(String host, int port, byte[] request, int timeoutMillis) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(host, port)); // only the target's answers are read
            s.setSoTimeout(timeoutMillis);
            s.send(new DatagramPacket(request, request.length));
            byte[] buf = new byte[65_536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return new Exchange(request.length, null, List.of());
            } catch (java.net.PortUnreachableException e) {
                return new Exchange(request.length, null, List.of()); // ICMP: nothing listens
            }
            byte[] answer = Arrays.copyOf(buf, p.getLength());
            return new Exchange(request.length, answer, messages(answer));
        }
    }

    private static List<LdapMessage> messages(byte[] datagram) {
        List<LdapMessage> out = new java.util.ArrayList<>();
        int at = 0;
        try {
            while (at < datagram.length) {
                long len = BerFrames.elementLength(
                        Arrays.copyOfRange(datagram, at, Math.min(datagram.length, at + 6)),
                        Math.min(6, datagram.length - at));
                if (len <= 0 || at + len > datagram.length) {
                    break;
                }
                out.add(LdapDecoder.decode(datagram, at, (int) len));
                at += (int) len;
            }
        } catch (BerException e) {
            // what decoded so far
        }
        return out;
    }

    static byte[] search(int id, Filter filter, String... attributes) {
        return LdapEncoder.encode(new LdapMessage(
                id,
                new SearchRequest("", SearchScope.BASE, DerefAliases.NEVER, 0, 0, false, filter, List.of(attributes))));
    }

    static void run(Examination x) {
        Target t = x.target;
        if (t.cldapPort() < 0) {
            return;
        }
        String where = t.cldapPort() + "/udp";
        Exchange rootDse;
        Exchange ping;
        try {
            rootDse =
                    exchange(t.host(), t.cldapPort(), search(1, new Filter.Present("objectClass")), t.timeoutMillis());
            ping = exchange(
                    t.host(),
                    t.cldapPort(),
                    search(
                            2,
                            new Filter.And(List.of(new Filter.Equality("NtVer", new byte[] {6, 0, 0, 0}))),
                            "Netlogon"),
                    t.timeoutMillis());
        } catch (IOException e) {
            x.add(Finding.info("cldap", where, "CLDAP could not be probed", e.getMessage()));
            return;
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("rootDse", describe(rootDse));
        fact.put("ping", describe(ping));
        x.report.fact("cldap", fact);
        boolean rootDseServed = rootDse.messages().stream().anyMatch(m -> m.op() instanceof SearchResultEntry);
        NetlogonResponse netlogon = netlogon(ping);
        if (rootDse.answer() == null && ping.answer() == null) {
            x.add(Finding.ok(
                    "cldap",
                    where,
                    "CLDAP does not answer",
                    "no answer within " + t.timeoutMillis() + " ms to a root DSE search or an LDAP ping"));
            return;
        }
        double worst = Math.max(rootDse.ratio(), ping.ratio());
        if (rootDseServed || worst > RATIO_ERROR) {
            x.add(new Finding(
                    "cldap",
                    Severity.ERROR,
                    where,
                    String.format(
                            Locale.ROOT,
                            "a reflection amplifier: %s over UDP at %.1fx",
                            rootDseServed ? "the root DSE is served" : "answers",
                            worst),
                    "root DSE search: " + describe(rootDse) + "; LDAP ping: " + describe(ping),
                    Fixes.CLDAP_AMPLIFIES));
        } else if (netlogon != null) {
            x.add(new Finding(
                    "cldap",
                    Severity.WARN,
                    where,
                    String.format(Locale.ROOT, "answers LDAP pings over UDP (%.1fx the request)", ping.ratio()),
                    "domain " + netlogon.dnsDomain() + ", host " + netlogon.dnsHostName() + ", site "
                            + netlogon.dcSite()
                            + "; needed by Windows and Samba clients inside the network, a reflector if reachable from outside",
                    Fixes.CLDAP_ANSWERS));
        } else {
            x.add(Finding.ok(
                    "cldap",
                    where,
                    "CLDAP answers, but with less than it is sent",
                    "root DSE search: " + describe(rootDse) + "; LDAP ping: " + describe(ping)));
        }
    }

    private static NetlogonResponse netlogon(Exchange ping) {
        for (LdapMessage m : ping.messages()) {
            if (m.op() instanceof SearchResultEntry e) {
                for (var a : e.attributes()) {
                    if (a.type().equalsIgnoreCase("netlogon") && !a.values().isEmpty()) {
                        try {
                            return NetlogonResponse.decode(a.values().get(0));
                        } catch (NetlogonFormatException ex) {
                            return null;
                        }
                    }
                }
            }
        }
        return null;
    }

    static String describe(Exchange e) {
        if (e.answer() == null) {
            return "no answer";
        }
        String what = e.messages().stream()
                .map(m -> m.op().getClass().getSimpleName())
                .toList()
                .toString();
        return String.format(Locale.ROOT, "%d B for %d B (%.1fx) %s", e.answer().length, e.sent(), e.ratio(), what);
    }
}
