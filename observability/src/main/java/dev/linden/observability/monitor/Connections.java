package dev.linden.observability.monitor;

import dev.linden.core.Session;
import dev.linden.observability.ConnectionObserver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The open connections, for cn=monitor and the connection gauges: who, from where, on which listener, doing what. */
public final class Connections implements ConnectionObserver {
    /** One open connection; its identity, TLS state and operations in flight are read live. */
    public record Live(
            Session session, String listener, String localAddress, long openedMillis, IntSupplier inFlight) {}

    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> opened = new ConcurrentHashMap<>();

    @Override
    public void opened(Session session, String listener, String localAddress, IntSupplier inFlight) {
        live.put(session.id(), new Live(session, listener, localAddress, System.currentTimeMillis(), inFlight));
        opened.computeIfAbsent(listener, l -> new LongAdder()).increment();
    }

    @Override
    public void closed(Session session) {
        live.remove(session.id());
    }

    /** The open connections, oldest first. */
    public List<Live> open() {
        List<Live> list = new ArrayList<>(live.values());
        list.sort(Comparator.comparingLong(l -> l.session().id()));
        return list;
    }

    public int count() {
        return live.size();
    }

    /** Connections accepted since start, by listener. */
    public Map<String, Long> openedByListener() {
        Map<String, Long> out = new java.util.TreeMap<>();
        opened.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long openedTotal() {
        long n = 0;
        for (LongAdder a : opened.values()) {
            n += a.sum();
        }
        return n;
    }
}
