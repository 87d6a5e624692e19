package dev.linden.it.replication;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes through one address from several threads, as applications behind a load balancer do: each
 * thread has its own connection, and when a request fails it closes it and connects again (through
 * the same address), without repeating the request. Each thread adds entries of its own and replaces
 * the description of entries it owns, so no two threads ever write the same entry. Every request is
 * recorded with when it was sent, when it ended, when its connection was opened, and its result.
 */
final class WriteLoad implements AutoCloseable {
    /** One request: an add ({@code value} null) or a replace of the description with {@code value}. */
    record Write(int thread, String dn, String value, long connectedAt, long sentAt, long endedAt, ResultCode result) {
        boolean acknowledged() {
            return result == ResultCode.SUCCESS;
        }

        boolean add() {
            return value == null;
        }
    }

    private static final int PAUSE_MS = 5; // a steady load, leaving CPU to the servers and to replication

    private final int port;
    private final long pauseMillis;
    private final String parent;
    private final List<List<String>> owned;
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger failedConnects = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** Starts {@code owned.size()} threads writing through 127.0.0.1:{@code port}; thread i owns {@code owned.get(i)}. */
    WriteLoad(int port, String parent, List<List<String>> owned) {
        this(port, parent, owned, PAUSE_MS);
    }

    /** As above, each thread pausing {@code pauseMillis} after each request. */
    WriteLoad(int port, String parent, List<List<String>> owned, long pauseMillis) {
        this.port = port;
        this.pauseMillis = pauseMillis;
        this.parent = parent;
        this.owned = owned;
        for (int i = 0; i < owned.size(); i++) {
            int thread = i;
            Thread t = new Thread(() -> run(thread), "write-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run(int thread) {
        LDAPConnection conn = null;
        long connectedAt = 0;
        int seq = 0;
        while (running) {
            if (conn == null || !conn.isConnected()) {
                if (conn != null) {
                    conn.close(); // closed by the other side between two requests: nothing was in flight
                }
                conn = connect();
                connectedAt = System.nanoTime();
                if (conn == null) {
                    pause(50);
                    continue;
                }
            }
            seq++;
            String value = seq % 2 == 0 ? null : "t" + thread + "-" + seq;
            List<String> mine = owned.get(thread);
            String dn = value == null ? "uid=t" + thread + "-" + seq + "," + parent : mine.get(seq / 2 % mine.size());
            long sent = System.nanoTime();
            ResultCode result;
            try {
                if (value == null) {
                    result = conn.add(
                                    dn,
                                    new Attribute("objectClass", "inetOrgPerson"),
                                    new Attribute("uid", "t" + thread + "-" + seq),
                                    new Attribute("cn", "Load " + seq),
                                    new Attribute("sn", "T" + thread))
                            .getResultCode();
                } else {
                    result = conn.modify(dn, new Modification(ModificationType.REPLACE, "description", value))
                            .getResultCode();
                }
            } catch (LDAPException e) {
                result = e.getResultCode();
                conn.close(); // and connect again, through the balancer, to whichever server it picks
                conn = null;
            }
            writes.add(new Write(thread, dn, value, connectedAt, sent, System.nanoTime(), result));
            pause(pauseMillis);
        }
        if (conn != null) {
            conn.close();
        }
    }

    private LDAPConnection connect() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(2000);
        options.setResponseTimeoutMillis(15_000); // a request never answered fails the test instead of hanging it
        try {
            LDAPConnection c = new LDAPConnection(options, "127.0.0.1", port);
            connects.incrementAndGet();
            try {
                c.bind(ServerProcess.ADMIN_DN, ServerProcess.ADMIN_PASSWORD);
                return c;
            } catch (LDAPException e) {
                failedConnects.incrementAndGet(); // a bind is a request too: one cut by a kill counts
                c.close();
                return null;
            }
        } catch (LDAPException e) {
            failedConnects.incrementAndGet();
            return null;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the threads after their current request. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    int threads() {
        return owned.size();
    }

    /** Connections opened through the balancer, first ones included. */
    int connects() {
        return connects.get();
    }

    /** Connections through the balancer that could not be opened, or whose bind failed. */
    int failedConnects() {
        return failedConnects.get();
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    List<Write> failures() {
        return writes().stream().filter(w -> !w.acknowledged()).toList();
    }

    /** The DNs (lowercase) of the adds acknowledged before {@code nanos}. */
    Set<String> acknowledgedAdds(long nanos) {
        Set<String> out = new HashSet<>();
        for (Write w : writes) {
            if (w.add() && w.acknowledged() && w.endedAt() < nanos) {
                out.add(w.dn().toLowerCase());
            }
        }
        return out;
    }

    /** How many writes thread {@code thread} had acknowledged between {@code from} and {@code to}. */
    long acknowledged(int thread, long from, long to) {
        return writes.stream()
                .filter(w -> w.thread() == thread && w.acknowledged() && w.sentAt() > from && w.endedAt() < to)
                .count();
    }

    /**
     * For each owned entry, the descriptions it may end with: the last acknowledged one, or one of the
     * requests that failed after it (a request cut by a kill may have committed before the server died);
     * null, none, while no replace was acknowledged (the owned entries start without one).
     */
    Map<String, Set<String>> possibleDescriptions() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Write w : writes) { // in the order each thread made them
            if (w.add()) {
                continue;
            }
            Set<String> possible =
                    out.computeIfAbsent(w.dn(), dn -> new HashSet<>(java.util.Collections.singleton(null)));
            if (w.acknowledged()) {
                possible.clear();
            }
            possible.add(w.value());
        }
        return out;
    }
}
