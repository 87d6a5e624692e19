package dev.linden.it.cldap;

import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerFrames;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.SearchRequest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A bare UDP client for the tests: send one datagram, read the answer datagram and split it into LDAP messages. */
final class Datagrams implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    Datagrams(int port) throws IOException {
        this(InetAddress.getLoopbackAddress(), port);
    }

    /** From a given loopback address (127.0.0.0/8 is all this machine's), so tests can be many sources. */
    Datagrams(InetAddress from, int port) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(from, 0));
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** From 127.0.0.{@code n}: each test its own source address, so one test's pings do not use up another's rate. */
    static Datagrams from(int n, int port) throws IOException {
        return new Datagrams(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n}), port);
    }

    static byte[] search(int id, String base, SearchScope scope, String filter, String... attributes) {
        try {
            return LdapEncoder.encode(new LdapMessage(
                    id,
                    new SearchRequest(
                            base,
                            scope,
                            DerefAliases.NEVER,
                            0,
                            0,
                            false,
                            FilterText.parse(filter),
                            List.of(attributes))));
        } catch (dev.linden.protocol.filter.FilterSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A ping as Samba's net ads lookup sends it. */
    static byte[] ping(int id, String filter) {
        return search(id, "", SearchScope.BASE, filter, "NetLogon");
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram, or null when none comes within {@code millis}. */
    byte[] receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buf, p.getLength());
    }

    /** Sends a request and returns the LDAP messages of its answer datagram (null: no answer within 2 s). */
    List<LdapMessage> exchange(byte[] request) throws IOException, BerException {
        send(request);
        byte[] answer = receive(2000);
        return answer == null ? null : split(answer);
    }

    /** The LDAP messages one after the other in a datagram; bytes that are not a whole message fail. */
    static List<LdapMessage> split(byte[] datagram) throws BerException {
        List<LdapMessage> out = new ArrayList<>();
        int at = 0;
        while (at < datagram.length) {
            long len = BerFrames.elementLength(Arrays.copyOfRange(datagram, at, datagram.length), datagram.length - at);
            if (len <= 0 || at + len > datagram.length) {
                throw new BerException("a partial LDAP message at byte " + at);
            }
            out.add(LdapDecoder.decode(datagram, at, (int) len));
            at += (int) len;
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
