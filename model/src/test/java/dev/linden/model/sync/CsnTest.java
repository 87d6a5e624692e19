package dev.linden.model.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsnTest {
    /** A CSN written by slapd 2.5.13 in the lab (research notes, replication.md). */
    private static final String SLAPD_CSN = "20261206124807.170433Z#000000#001#000000";

    @Test
    void readsWhatSlapdWrites() throws SyncSyntaxException {
        Csn csn = Csn.parse(SLAPD_CSN);
        assertThat(csn.time()).isEqualTo(Instant.parse("2026-12-06T12:48:07.170433Z"));
        assertThat(csn.epochMicros())
                .isEqualTo(Instant.parse("2026-12-06T12:48:07Z").getEpochSecond() * 1_000_000L + 170433);
        assertThat(csn.count()).isZero();
        assertThat(csn.sid()).isEqualTo(1);
        assertThat(csn.mod()).isZero();
        assertThat(csn.toString()).isEqualTo(SLAPD_CSN);
    }

    @Test
    void writesEachFieldAtItsWidthInLowercaseHex() throws SyncSyntaxException {
        Csn csn = Csn.of(0, 0xABCDEF, 0xFFF, 0x12345);
        assertThat(csn.toString())
                .isEqualTo("19700101000000.000000Z#abcdef#fff#012345")
                .hasSize(Csn.LENGTH);
        assertThat(Csn.parse(csn.toString())).isEqualTo(csn);
        Csn beforeEpoch = Csn.of(-1, 1, 2, 3);
        assertThat(beforeEpoch.toString()).isEqualTo("19691231235959.999999Z#000001#002#000003");
        assertThat(Csn.parse(beforeEpoch.toString())).isEqualTo(beforeEpoch);
    }

    @Test
    void coversTheYearsFourDigitsCanWrite() throws SyncSyntaxException {
        assertThat(Csn.of(Csn.MIN_MICROS, 0, 0, 0).toString()).isEqualTo("00000101000000.000000Z#000000#000#000000");
        assertThat(Csn.of(Csn.MAX_MICROS, 0, 0, 0).toString()).isEqualTo("99991231235959.999999Z#000000#000#000000");
        assertThat(Csn.parse("99991231235959.999999Z#ffffff#fff#ffffff").epochMicros())
                .isEqualTo(Csn.MAX_MICROS);
        assertThatThrownBy(() -> Csn.of(Csn.MAX_MICROS + 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Csn.of(Csn.MIN_MICROS - 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesFieldsOutOfRange() {
        assertThatThrownBy(() -> Csn.of(0, 0, 0x1000, 0)).hasMessageContaining("server ID 4096");
        assertThatThrownBy(() -> Csn.of(0, 0x1000000, 0, 0)).hasMessageContaining("count");
        assertThatThrownBy(() -> Csn.of(0, -1, 0, 0)).hasMessageContaining("count");
        assertThatThrownBy(() -> Csn.of(0, 0, 0, 0x1000000)).hasMessageContaining("mod");
    }

    @Test
    void leapDaysFollowTheGregorianCalendar() throws SyncSyntaxException {
        assertThat(Csn.parse("20240229000000.000000Z#000000#000#000000").time())
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(Csn.parse("20000229000000.000000Z#000000#000#000000").time())
                .isEqualTo(Instant.parse("2000-02-29T00:00:00Z"));
        assertThatThrownBy(() -> Csn.parse("20230229000000.000000Z#000000#000#000000"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Csn.parse("19000229000000.000000Z#000000#000#000000"))
                .hasMessageContaining("does not exist");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            20261206124807.170433Z#000000#001#00000      | not 39
            20261206124807.170433Z#000000#001#0000000    | not 41
            20261206124807Z#000000#01#000000             | not 32
            20261206124807.170433Z#00000A#001#000000     | count must be lowercase hex
            20261206124807.170433Z#000000#00A#000000     | server ID must be lowercase hex
            20261206124807.170433Z#000000#001#00000F     | mod must be lowercase hex
            20261206124807.170433Z#00000g#001#000000     | count is not hex
            20261206124807.170433Z#000000#0x1#000000     | server ID is not hex
            20261206124807,170433Z#000000#001#000000     | '.' expected at position 14
            20261206124807.170433+#000000#001#000000     | 'Z' expected at position 21
            20261206124807.170433Z-000000#001#000000     | '#' expected at position 22
            20261206124807.170433Z#000000-001#000000     | '#' expected at position 29
            20261206124807.170433Z#000000#001-000000     | '#' expected at position 33
            2026120612480X.170433Z#000000#001#000000     | decimal digit expected at position 13
            20261206124807.1704 3Z#000000#001#000000     | decimal digit expected at position 19
            20261306124807.170433Z#000000#001#000000     | date 20261306 does not exist
            20261200124807.170433Z#000000#001#000000     | date 20261200 does not exist
            20260431124807.170433Z#000000#001#000000     | date 20260431 does not exist
            20261206244807.170433Z#000000#001#000000     | time of day 244807
            20261206126007.170433Z#000000#001#000000     | time of day 126007
            20261206124860.170433Z#000000#001#000000     | time of day 124860
            """)
    void refusesAnythingButTheCanonicalForm(String text, String why) {
        assertThatThrownBy(() -> Csn.parse(text))
                .isInstanceOf(SyncSyntaxException.class)
                .hasMessageStartingWith("not a CSN: ")
                .hasMessageContaining(why);
    }

    @Test
    void errorMessagesQuoteBadInputSafely() {
        String hostile = "2026\n1206124807.170433Z#000000#001#000000";
        assertThatThrownBy(() -> Csn.parse(hostile))
                .hasMessageContaining("\\u000a")
                .hasMessageNotContaining("\n");
        String huge = "x".repeat(100_000);
        assertThatThrownBy(() -> Csn.parse(huge)).message().hasSizeLessThan(300).contains("100000 characters");
    }

    @Test
    void orderIsTheOrderOfTheCanonicalStrings() {
        Random random = new Random(4533);
        List<Csn> csns = new ArrayList<>();
        long base = Instant.parse("2026-12-06T12:48:07Z").getEpochSecond() * 1_000_000L;
        for (int i = 0; i < 400; i++) {
            // few distinct values per field, so ties in the earlier fields are common
            long micros = switch (random.nextInt(4)) {
                case 0 -> base + random.nextInt(3);
                case 1 -> base - 1_000_000L * random.nextInt(3) - 999_999;
                case 2 -> Csn.MIN_MICROS + random.nextInt(2);
                default -> Csn.MAX_MICROS - random.nextInt(2);
            };
            csns.add(Csn.of(
                    micros,
                    pick(random, 0, 1, 0xF, 0x10, Csn.MAX_COUNT),
                    pick(random, 0, 1, 0xA, 0xFFF),
                    pick(random, 0, 9, 0xA, Csn.MAX_MOD)));
        }
        for (Csn a : csns) {
            for (Csn b : csns) {
                assertThat(Integer.signum(a.compareTo(b)))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(a.toString().compareTo(b.toString())));
            }
        }
    }

    private static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
