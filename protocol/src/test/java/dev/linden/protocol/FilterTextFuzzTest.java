package dev.linden.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Arbitrary strings into the RFC 4515 parser. Only a FilterSyntaxException may come out; a filter
 * that parses must format, parse again and format to the same string, and survive BER. Under plain
 * {@code mvn test} this runs the seeds in {@code FilterTextFuzzTestInputs/parse}; see FUZZING.md.
 */
class FilterTextFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        String text = text(input);
        Filter filter;
        try {
            filter = FilterText.parse(text);
        } catch (FilterSyntaxException refused) {
            return;
        }
        String formatted = FilterText.format(filter);
        Filter again;
        try {
            again = FilterText.parse(formatted);
        } catch (FilterSyntaxException e) {
            throw new AssertionError("formatted filter does not parse: " + e.getMessage() + "\ninput:     " + text
                    + "\nformatted: " + formatted);
        }
        String formattedAgain = FilterText.format(again);
        if (!formatted.equals(formattedAgain)) {
            throw new AssertionError(
                    "format is not stable\ninput:  " + text + "\nfirst:  " + formatted + "\nsecond: " + formattedAgain);
        }
        // every filter the text parser accepts must be one the BER decoder accepts, unchanged
        byte[] ber = Codec.ber(filter);
        try {
            if (!Arrays.equals(Codec.ber(Codec.decodeFilter(ber)), ber) || !Arrays.equals(Codec.ber(again), ber)) {
                throw new AssertionError("BER of the parsed filter is not stable for " + text);
            }
        } catch (BerException e) {
            throw new AssertionError("BER decoder refuses a parsed filter: " + e.getMessage() + "\ninput: " + text);
        }
    }

    /**
     * The input as UTF-8, so seed files are plain filter strings; an input starting with the byte
     * 0xFE is read as raw UTF-16BE code units instead, which can hold unpaired surrogates (a
     * charset decoder would replace them).
     */
    static String text(byte[] input) {
        if (input.length > 0 && (input[0] & 0xFF) == 0xFE) {
            StringBuilder sb = new StringBuilder(input.length / 2);
            for (int i = 1; i + 1 < input.length; i += 2) {
                sb.append((char) ((input[i] & 0xFF) << 8 | (input[i + 1] & 0xFF)));
            }
            return sb.toString();
        }
        return new String(input, StandardCharsets.UTF_8);
    }
}
