package dev.linden.observability.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.observability.LogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamTest {
    @TempDir
    Path dir;

    @Test
    void everyQueuedRecordIsWrittenByClose() throws Exception {
        LogStream s = LogStream.open("access", LogSettings.to(dir.resolve("access.log"), LogSettings.Format.LINE));
        for (int i = 0; i < 20_000; i++) {
            s.write("conn=1 op=" + i + " SRCH");
        }
        s.close();
        List<String> lines = Files.readAllLines(dir.resolve("access.log"));
        assertThat(lines).hasSize(20_000);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z conn=1 op=0 SRCH");
        assertThat(lines.get(19_999)).endsWith("op=19999 SRCH");
        assertThat(s.dropped()).isZero();
    }

    @Test
    void jsonLinesStartWithTheTime() throws Exception {
        LogStream s = LogStream.open("security", LogSettings.to(dir.resolve("security.log"), LogSettings.Format.JSON));
        s.write("\"event\":\"x\"");
        s.close();
        assertThat(Files.readString(dir.resolve("security.log")))
                .matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\",\"event\":\"x\"}\\n");
    }

    @Test
    void filesRollOverBySizeAndNothingIsLost() throws Exception {
        LogSettings settings = new LogSettings(
                true,
                LogSettings.Format.LINE,
                dir.resolve("access.log"),
                10 * 1024,
                LogSettings.Rotation.DAILY,
                30,
                0,
                1024);
        LogStream s = LogStream.open("access", settings);
        int written = 0;
        for (int i = 0; i < 3000; i++) {
            s.write("conn=1 op=" + i + " SRCH base=\"dc=example,dc=com\" scope=sub filter=\"(uid=user." + i + ")\"");
            written++;
            if (i % 200 == 0) {
                Thread.sleep(20); // let the writer keep up, so no record is dropped
            }
        }
        s.close();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files.size()).isGreaterThan(3);
        long lines = 0;
        for (Path f : files) {
            lines += f.toString().endsWith(".gz")
                    ? gunzipLines(f)
                    : Files.readAllLines(f).size();
        }
        assertThat(lines + s.dropped()).isEqualTo(written);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        LogSettings settings = new LogSettings(
                true,
                LogSettings.Format.LINE,
                dir.resolve("access.log"),
                LogSettings.DEFAULT_MAX_FILE_BYTES,
                LogSettings.Rotation.DAILY,
                30,
                0,
                2);
        LogStream s = LogStream.open("access", settings);
        long start = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            s.write("conn=1 op=" + i + " SRCH base=\"dc=example,dc=com\"");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        s.close();
        assertThat(s.dropped()).isPositive();
        assertThat(s.written() + s.dropped()).isEqualTo(50_000);
        assertThat(Files.readAllLines(dir.resolve("access.log"))).hasSize((int) s.written());
        assertThat(millis).as("writing never waited for the file").isLessThan(10_000);
    }

    @Test
    void aQuietLogIsOnDiskWithoutClosing() throws Exception {
        LogStream s = LogStream.open("access", LogSettings.to(dir.resolve("access.log"), LogSettings.Format.LINE));
        try {
            s.write("conn=1 op=1 BIND");
            long deadline = System.currentTimeMillis() + 5000;
            while (Files.size(dir.resolve("access.log")) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.readString(dir.resolve("access.log"))).endsWith("conn=1 op=1 BIND\n");
        } finally {
            s.close();
        }
    }

    private static long gunzipLines(Path f) throws Exception {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(f))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .count();
        }
    }
}
