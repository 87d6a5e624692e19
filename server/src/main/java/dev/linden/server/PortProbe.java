package dev.linden.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a port can be listened on now, for default ports that may be skipped with a warning. */
final class PortProbe {
    private PortProbe() {}

    static boolean canListen(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the listener itself: a port in TIME_WAIT is free
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
