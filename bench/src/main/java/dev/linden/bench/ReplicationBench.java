package dev.linden.bench;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replication figures, Linden and slapd in one run: the initial refresh of N entries in entries per
 * second for Linden→Linden, slapd→Linden, Linden→slapd and slapd→slapd; the replication lag (p50,
 * p99) at several write rates, Linden→Linden and slapd→slapd; and the provider's memory per
 * persistent consumer. Servers run as processes of their own on loopback ({@link Servers}).
 *
 * <pre>bench/replication [--entries N] [--rates "100 300 1000"] [--seconds S] [--consumers K]</pre>
 */
public final class ReplicationBench {
    private static final String BASE = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + BASE;

    public static void main(String[] args) throws Exception {
        int entries = 100_000;
        int seconds = 20;
        int consumers = 20;
        List<Integer> rates = List.of(100, 300, 1000);
        Path work = Files.createTempDirectory("linden-replbench");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--entries" -> entries = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--consumers" -> consumers = Integer.parseInt(args[i + 1]);
                case "--rates" ->
                    rates = Arrays.stream(args[i + 1].trim().split("\\s+"))
                            .map(Integer::valueOf)
                            .toList();
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path ldif = work.resolve("data.ldif");
        Servers.run(
                List.of(
                        "python3",
                        Path.of("bench/gen-ldif.py").toAbsolutePath().toString(),
                        Integer.toString(entries),
                        ldif.toString()),
                work.resolve("gen.log"));
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "%d entries; load average at start: %s", entries, Servers.loadAverage()));
        try (Servers s = new Servers(work)) {
            Servers.Server lindenProvider = s.lindenImported("lp", ldif, 1, "");
            Servers.Server slapdProvider = s.slapdImported("sp", ldif);
            report.add(refresh(s, "Linden -> Linden", entries, s.lindenConsumer("lc1", 2, lindenProvider)));
            report.add(refresh(s, "slapd -> Linden", entries, s.lindenConsumer("lc2", 3, slapdProvider)));
            report.add(refresh(s, "Linden -> slapd", entries, s.slapdConsumer("sc1", lindenProvider)));
            report.add(refresh(s, "slapd -> slapd", entries, s.slapdConsumer("sc2", slapdProvider)));
            Servers.Server lindenReplica = s.lindenConsumer("lc3", 4, lindenProvider);
            Servers.Server slapdReplica = s.slapdConsumer("sc3", slapdProvider);
            awaitCount(lindenReplica, entries, 600);
            awaitCount(slapdReplica, entries, 600);
            for (int rate : rates) {
                report.add(lag("Linden -> Linden", lindenProvider, lindenReplica, entries, rate, seconds));
                report.add(lag("slapd -> slapd", slapdProvider, slapdReplica, entries, rate, seconds));
            }
            report.add(memory(lindenProvider, consumers));
        }
        report.add("load average at end: " + Servers.loadAverage());
        System.out.println(String.join("\n", report));
    }

    /** Starts the consumer (already started by the caller) and times its refresh to the last entry. */
    private static String refresh(Servers s, String pair, int entries, Servers.Server consumer) throws Exception {
        long start = consumer.startedNanos();
        long first = awaitFirst(consumer);
        awaitCount(consumer, entries, 1200);
        long end = System.nanoTime();
        consumer.stop();
        double total = (end - start) / 1e9;
        double transfer = (end - first) / 1e9;
        return String.format(
                Locale.ROOT,
                "initial refresh %-17s %7.1f s from start, %6.1f s from the first entry:" + " %8.0f entries/s",
                pair,
                total,
                transfer,
                entries / transfer);
    }

    /** When the consumer first holds an entry under ou=people (the refresh has begun arriving). */
    private static long awaitFirst(Servers.Server server) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            try (LDAPConnection c = server.admin()) {
                SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, "(objectClass=*)", "1.1");
                r.setSizeLimit(1);
                if (c.search(r).getEntryCount() > 0) {
                    return System.nanoTime();
                }
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                if (e.getResultCode() == com.unboundid.ldap.sdk.ResultCode.SIZE_LIMIT_EXCEEDED) {
                    return System.nanoTime();
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(server + " received nothing");
    }

    private static void awaitCount(Servers.Server server, int entries, int maxSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + maxSeconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            try (LDAPConnection c = server.admin()) {
                SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, "(uid=user." + entries + ")", "1.1");
                if (c.search(r).getEntryCount() == 1 && count(c) >= entries) {
                    return;
                }
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                // not there yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(server + " did not reach " + entries + " entries in " + maxSeconds + " s");
    }

    private static int count(LDAPConnection c) throws Exception {
        SearchRequest r = new SearchRequest(PEOPLE, SearchScope.ONE, "(objectClass=*)", "1.1");
        r.setSizeLimit(0);
        return c.search(r).getEntryCount();
    }

    /**
     * Writes at {@code rate} per second on the provider, each stamping description with System.nanoTime(),
     * while a persistent synchronization on the replica (this JVM's clock) records when each arrives.
     */
    static String lag(String pair, Servers.Server provider, Servers.Server replica, int entries, int rate, int seconds)
            throws Exception {
        List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong written = new AtomicLong();
        try (LDAPConnection watch = replica.admin();
                LDAPConnection write = provider.admin()) {
            String prefix = "lag-" + rate + "-" + System.nanoTime() + "-";
            SearchRequest sync = new SearchRequest(
                    new AsyncSearchResultListener() {
                        @Override
                        public void searchEntryReturned(SearchResultEntry e) {
                            String d = e.getAttributeValue("description");
                            if (d != null && d.startsWith(prefix)) {
                                lags.add(System.nanoTime() - Long.parseLong(d.substring(prefix.length())));
                            }
                        }

                        @Override
                        public void searchReferenceReturned(SearchResultReference r) {}

                        @Override
                        public void searchResultReceived(AsyncRequestID id, SearchResult result) {}
                    },
                    PEOPLE,
                    SearchScope.ONE,
                    "(objectClass=*)",
                    "description");
            String cookie = currentCookie(replica);
            sync.addControl(new ContentSyncRequestControl(
                    true,
                    ContentSyncRequestMode.REFRESH_AND_PERSIST,
                    cookie == null ? null : new com.unboundid.asn1.ASN1OctetString(cookie),
                    false));
            AsyncRequestID id = watch.asyncSearch(sync);
            Thread.sleep(1000);
            long periodNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long end = next + seconds * 1_000_000_000L;
            while (next < end) {
                long now = System.nanoTime();
                if (now < next) {
                    Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
                }
                int user = 1 + ThreadLocalRandom.current().nextInt(entries);
                write.modify(
                        "uid=user." + user + "," + PEOPLE,
                        new Modification(ModificationType.REPLACE, "description", prefix + System.nanoTime()));
                written.incrementAndGet();
                next += periodNanos;
            }
            long wait = System.currentTimeMillis() + 30_000;
            while (lags.size() < written.get() && System.currentTimeMillis() < wait) {
                Thread.sleep(100);
            }
            watch.abandon(id);
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        double achieved = written.get() / (double) seconds;
        if (sorted.length == 0) {
            return String.format(
                    Locale.ROOT, "lag %-17s %5d writes/s asked (%.0f done): nothing arrived", pair, rate, achieved);
        }
        return String.format(
                Locale.ROOT,
                "lag %-17s %5d writes/s asked (%4.0f done): p50 %6.1f ms  p99 %7.1f ms  (%d of %d seen)",
                pair,
                rate,
                achieved,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted.length,
                written.get());
    }

    /** A refreshOnly synchronization of nothing changed since now: the cookie to persist from without a reload. */
    private static String currentCookie(Servers.Server server) throws Exception {
        try (LDAPConnection c = server.admin()) {
            SearchRequest r = new SearchRequest(BASE, SearchScope.BASE, "(objectClass=*)", "contextCSN");
            SearchResultEntry e = c.searchForEntry(r);
            String[] csns = e == null ? null : e.getAttributeValues("contextCSN");
            return csns == null ? null : "rid=999,csn=" + String.join(";", csns);
        }
    }

    /** RSS of the provider before and after {@code k} persistent consumers connect (each from a current cookie). */
    private static String memory(Servers.Server provider, int k) throws Exception {
        System.gc();
        long before = provider.rssKb();
        String cookie = currentCookie(provider);
        List<LDAPConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < k; i++) {
                LDAPConnection c = provider.admin();
                SearchRequest r = new SearchRequest(
                        new AsyncSearchResultListener() {
                            @Override
                            public void searchEntryReturned(SearchResultEntry e) {}

                            @Override
                            public void searchReferenceReturned(SearchResultReference r) {}

                            @Override
                            public void searchResultReceived(AsyncRequestID id, SearchResult result) {}
                        },
                        BASE,
                        SearchScope.SUB,
                        "(objectClass=*)",
                        "*",
                        "+");
                r.addControl(new ContentSyncRequestControl(
                        true,
                        ContentSyncRequestMode.REFRESH_AND_PERSIST,
                        cookie == null ? null : new com.unboundid.asn1.ASN1OctetString(cookie),
                        false));
                c.asyncSearch(r);
                open.add(c);
            }
            Thread.sleep(3000);
            long after = provider.rssKb();
            return String.format(
                    Locale.ROOT,
                    "provider memory: %d persistent consumers, RSS %d -> %d KiB: %.0f KiB each",
                    k,
                    before,
                    after,
                    (after - before) / (double) k);
        } finally {
            open.forEach(LDAPConnection::close);
        }
    }
}
