package dev.linden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line of a long import: entries, rate, the share of the file read and the time left at that pace. */
class ImportProgressTest {
    @Test
    void saysHowFarTheLoadIsAndHowLongTheRestTakesAtThisPace() throws Exception {
        ImportProgress progress = new ImportProgress(new PrintStream(new ByteArrayOutputStream()), 1000);
        InputStream in = progress.counting(new ByteArrayInputStream(new byte[1000]));
        assertThat(in.read(new byte[250], 0, 250)).isEqualTo(250);
        // a quarter of the file in 10 s: three quarters left take 30 s more
        assertThat(progress.line(20_000, 10, 250))
                .isEqualTo(String.format(
                        "  %,d entries, %,d entries/s, 25%% of the file," + " about 30 s left", 20_000, 2_000));
        assertThat(progress.line(80_000, 40, 1000)).endsWith("100% of the file, about 0 s left");
    }

    @Test
    void aShortLoadPrintsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImportProgress progress = new ImportProgress(new PrintStream(out, true, StandardCharsets.UTF_8), 1000);
        progress.committed(1000);
        progress.committed(2000);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
