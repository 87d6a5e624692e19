package dev.linden.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between a consumer and its provider that a test can turn into a bad network: forward,
 * blackhole (connections stay open, nothing passes either way, as in a partition), delay every chunk,
 * or reset every connection. No mock: real sockets both ways.
 */
public final class TcpProxy implements AutoCloseable {
    public enum Mode {
        FORWARD,
        BLACKHOLE,
        DELAY,
        RESET
    }

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    private volatile long delayMillis = 200;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void mode(Mode m) {
        this.mode = m;
        if (m == Mode.RESET) {
            for (Socket s : sockets) {
                try {
                    s.setSoLinger(true, 0); // RST, not FIN
                    s.close();
                } catch (IOException e) {
                    // already gone
                }
            }
            sockets.clear();
            this.mode = Mode.FORWARD; // new connections may come through again
        }
    }

    public void delay(long millis) {
        this.delayMillis = millis;
        mode(Mode.DELAY);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket("127.0.0.1", target);
                } catch (IOException e) {
                    client.close(); // the target is down: the client hears so now, not after its timeout
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[16384];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            while (mode == Mode.BLACKHOLE && !closed) {
                                Thread.sleep(20); // held: nothing passes while the link is cut
                            }
                            if (mode == Mode.DELAY) {
                                Thread.sleep(delayMillis);
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // one side went away: the other follows
                    } finally {
                        try {
                            from.close();
                            to.close();
                        } catch (IOException e) {
                            // closing
                        }
                    }
                },
                "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
