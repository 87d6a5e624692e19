package dev.linden.it.cldap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.observability.CldapStats;
import dev.linden.testkit.TestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reflection attempt against the CLDAP listener with its default limits: pings sent as fast as
 * this machine can, from one address and then from 250 (what a forged-source flood looks like),
 * while the answers are counted where they arrive. Measured: bytes out over bytes in, and answers
 * per second against what the buckets allow. The figures are printed and kept in
 * {@code it/target/cldap-flood.txt}.
 */
class CldapFloodIT {
    static final long FLOOD_MILLIS = 2000;
    private static TestServer server;
    private static final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.memory("cldap: {enabled: true, host: 127.0.0.1, port: 0}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.write(Path.of("target", "cldap-flood.txt"), figures);
        figures.forEach(System.out::println);
    }

    /** What one flood sent and got back, counted by the clients (the kernel may drop some of either under load). */
    record Flood(long sent, long sentBytes, long answers, long answerBytes, double seconds) {}

    static Flood flood(List<DatagramSocket> sockets, byte[] ping) throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.cldapPort());
        long[] got = new long[2];
        List<Thread> readers = new ArrayList<>();
        for (DatagramSocket s : sockets) {
            s.setSoTimeout(500);
            Thread t = new Thread(() -> {
                byte[] buf = new byte[2048];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                while (true) {
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException e) {
                        return; // quiet for 500 ms after the flood: done
                    } catch (java.io.IOException e) {
                        return;
                    }
                    synchronized (got) {
                        got[0]++;
                        got[1] += p.getLength();
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        long sent = 0;
        long start = System.nanoTime();
        long end = start + FLOOD_MILLIS * 1_000_000;
        DatagramPacket out = new DatagramPacket(ping, ping.length, to);
        while (System.nanoTime() < end) {
            sockets.get((int) (sent % sockets.size())).send(out);
            sent++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread t : readers) {
            t.join();
        }
        return new Flood(sent, sent * ping.length, got[0], got[1], seconds);
    }

    static List<DatagramSocket> sources(int thirdOctet, int count) throws Exception {
        List<DatagramSocket> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(new DatagramSocket(new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {127, 0, (byte) thirdOctet, (byte) i}), 0)));
        }
        return list;
    }

    @Test
    void oneSourceGetsItsBucketAndNoMore() throws Exception {
        CldapStats stats = server.observability().cldap();
        long inBefore = stats.bytesIn();
        long outBefore = stats.bytesOut();
        long answersBefore = stats.answers(CldapStats.Answer.NETLOGON);
        byte[] ping = Datagrams.ping(1, CldapIT.SAMBA_PING);
        List<DatagramSocket> one = sources(60, 1);
        Flood f;
        try {
            f = flood(one, ping);
        } finally {
            one.forEach(DatagramSocket::close);
        }
        long bytesIn = stats.bytesIn() - inBefore;
        long bytesOut = stats.bytesOut() - outBefore;
        long answered = stats.answers(CldapStats.Answer.NETLOGON) - answersBefore;
        // the default bucket: a burst of 10, then 5 a second
        assertThat(answered).isLessThanOrEqualTo(10 + (long) Math.ceil(5 * (f.seconds() + 0.5)));
        assertThat(f.answers()).isGreaterThanOrEqualTo(10); // and the legitimate share still arrives
        assertThat(f.answerBytes()).isLessThanOrEqualTo(bytesOut); // nothing arrives that the server did not count
        assertThat((double) bytesOut / bytesIn).isLessThan(1.0);
        figures.add(String.format(
                Locale.ROOT,
                "one source, %.1f s: sent %,d pings (%,d B, %,.0f/s), received %d answers "
                        + "(%,d B); the server received %,d B, answered %d (%.1f/s, %,d B): bytes out/in %.5f",
                f.seconds(),
                f.sent(),
                f.sentBytes(),
                f.sent() / f.seconds(),
                f.answers(),
                f.answerBytes(),
                bytesIn,
                answered,
                answered / f.seconds(),
                bytesOut,
                (double) bytesOut / bytesIn));
    }

    @Test
    void manySourcesTogetherGetTheGlobalRateAndNoMore() throws Exception {
        CldapStats stats = server.observability().cldap();
        long inBefore = stats.bytesIn();
        long outBefore = stats.bytesOut();
        long globalBefore = stats.drops(CldapStats.Drop.GLOBAL_RATE);
        long sourceBefore = stats.drops(CldapStats.Drop.SOURCE_RATE);
        long answersBefore = stats.answers(CldapStats.Answer.NETLOGON);
        byte[] ping = Datagrams.ping(2, CldapIT.SAMBA_PING);
        List<DatagramSocket> many = sources(1, 250);
        Flood f;
        try {
            f = flood(many, ping);
        } finally {
            many.forEach(DatagramSocket::close);
        }
        long bytesIn = stats.bytesIn() - inBefore;
        long bytesOut = stats.bytesOut() - outBefore;
        // 250 sources may each have 10 + 5/s; all together get at most the global 1,000/s (after 100 at once)
        long answered = stats.answers(CldapStats.Answer.NETLOGON) - answersBefore;
        long perSources = 250L * (10 + (long) Math.ceil(5 * (f.seconds() + 0.5)));
        long global = 100 + (long) Math.ceil(1000 * (f.seconds() + 0.5));
        assertThat(answered).isLessThanOrEqualTo(Math.min(perSources, global)).isGreaterThan(0);
        assertThat(f.answerBytes()).isLessThanOrEqualTo(bytesOut);
        assertThat((double) bytesOut / bytesIn).isLessThan(1.0);
        figures.add(String.format(
                Locale.ROOT,
                "250 sources, %.1f s: sent %,d pings (%,d B, %,.0f/s), received %d answers "
                        + "(%,d B); the server received %,d B, answered %d (%.1f/s, %,d B): bytes out/in %.4f; dropped by source "
                        + "buckets %,d, by the global rate %,d",
                f.seconds(),
                f.sent(),
                f.sentBytes(),
                f.sent() / f.seconds(),
                f.answers(),
                f.answerBytes(),
                bytesIn,
                answered,
                answered / f.seconds(),
                bytesOut,
                (double) bytesOut / bytesIn,
                stats.drops(CldapStats.Drop.SOURCE_RATE) - sourceBefore,
                stats.drops(CldapStats.Drop.GLOBAL_RATE) - globalBefore));
    }

    @Test
    void theLargestAnswerForTheSmallestPing() throws Exception {
        // the smallest request a ping can be, and the answer with everything a client may ask for
        byte[] smallest = Datagrams.ping(1, "(NtVer=\\0e\\00\\00\\00)");
        try (Datagrams udp = Datagrams.from(61, server.cldapPort())) {
            udp.send(smallest);
            byte[] answer = udp.receive(2000);
            assertThat(Datagrams.split(answer)).hasSize(2);
            double ratio = (double) answer.length / smallest.length;
            assertThat(ratio).isLessThanOrEqualTo(4.0);
            byte[] samba = Datagrams.ping(1, CldapIT.SAMBA_PING);
            udp.send(samba);
            byte[] sambaAnswer = udp.receive(2000);
            figures.add(String.format(
                    Locale.ROOT,
                    "per answer: smallest ping %d B -> %d B (%.2fx); Samba's ping %d B -> " + "%d B (%.2fx); cap %dx",
                    smallest.length,
                    answer.length,
                    ratio,
                    samba.length,
                    sambaAnswer.length,
                    (double) sambaAnswer.length / samba.length,
                    4));
        }
    }
}
