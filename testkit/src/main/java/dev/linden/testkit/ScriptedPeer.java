package dev.linden.testkit;

import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerFrames;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * The other end of one LDAP connection for a test: listens on a free loopback port, accepts one
 * client, reads its PDUs whole (framed by their BER length) and sends what the test scripts, so a
 * test sees the exact bytes a real client (ldapsearch, slapd's syncrepl) sends and what it makes of
 * a reply. Not a server: it answers nothing by itself.
 */
public final class ScriptedPeer implements AutoCloseable {
    private static final int TIMEOUT_MS = 20_000;
    private static final int MAX_PDU = 1 << 20;

    private final ServerSocket listener;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    public ScriptedPeer() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(TIMEOUT_MS);
    }

    public String url() {
        return "ldap://127.0.0.1:" + listener.getLocalPort();
    }

    public void accept() throws IOException {
        socket = listener.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The next PDU as its bytes; null when the client closed the connection. */
    public byte[] readPdu() throws IOException, BerException {
        byte[] header = new byte[6];
        int available = 0;
        long length = BerFrames.NEED_MORE;
        while (length == BerFrames.NEED_MORE) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            header[available++] = (byte) b;
            length = BerFrames.elementLength(header, available);
        }
        if (length > MAX_PDU) {
            throw new BerException("PDU of " + length + " bytes");
        }
        byte[] pdu = Arrays.copyOf(header, (int) length);
        in.readFully(pdu, available, (int) length - available);
        return pdu;
    }

    public LdapMessage read() throws IOException, BerException {
        byte[] pdu = readPdu();
        return pdu == null ? null : LdapDecoder.decode(pdu);
    }

    public void send(LdapMessage message) throws IOException {
        out.write(LdapEncoder.encode(message));
        out.flush();
    }

    /** Ends the connection (the client sees it closed), keeping the listener for nothing more. */
    public void hangUp() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        hangUp();
        listener.close();
    }
}
