package dev.linden.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntaxValidatorTest {
    private static final String P = "1.3.6.1.4.1.1466.115.121.1.";

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "7|TRUE|true",
                "7|FALSE|true",
                "7|true|false",
                "7|YES|false",
                "24|20240101120000Z|true",
                "24|2024010112Z|true",
                "24|20240101120000.5+0200|true",
                "24|2024-01-01|false",
                "24|20240101120000|false",
                "27|0|true",
                "27|-42|true",
                "27|4.2|false",
                "27|abc|false",
                "36|12 34|true",
                "36|12a|false",
                "26|ascii@example.com|true",
                "26|caf\u00e9|false",
                "38|2.5.4.3|true",
                "38|cn|true",
                "38|1..2|false",
                "38|has space|false",
                "44|Paris 1|true",
                "44|caf\u00e9|false",
                "44|a*b|false",
                "11|FR|true",
                "11|USA|false",
                "50|+1 555 0101|true",
                "50|+1 555 \u260e|false",
                "15|x|true",
                "6|'0101'B|true",
                "6|0101|false",
                "40|anything at all|true",
                "28|not really a jpeg|true"
            })
    void textSyntaxes(String suffix, String value, boolean valid) {
        assertThat(SyntaxValidator.isValid(P + suffix, value.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({
        "f81d4fae-7dec-11d0-a765-00a0c91e6bf6, true",
        "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6, true",
        "f81d4fae, false"
    })
    void uuid(String value, boolean valid) {
        assertThat(SyntaxValidator.isValid("1.3.6.1.1.16.1", value.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"15", "26", "27"})
    void emptyOrInvalidUtf8IsRefusedWhereTextIsRequired(String suffix) {
        assertThat(SyntaxValidator.isValid(P + suffix, new byte[] {(byte) 0xC3}))
                .isFalse();
    }

    @Test
    void printableStringsAreCheckedAsTheirGrammarSays() {
        // RFC 4517 3.2's PrintableCharacter as a regular expression: the reference for the hand-written check
        Pattern printable = Pattern.compile("[A-Za-z0-9'()+,\\-./:?= ]+");
        String alphabet = "aZ09'()+,-./:?= *\"_\u00e9;@";
        Random random = new Random(4517);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int len = random.nextInt(6); len > 0; len--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            byte[] value = s.getBytes(StandardCharsets.UTF_8);
            assertThat(SyntaxValidator.isValid(P + "44", value))
                    .as("'%s'", s)
                    .isEqualTo(printable.matcher(s).matches());
            assertThat(SyntaxValidator.isValid(P + "50", value))
                    .as("'%s'", s)
                    .isEqualTo(printable.matcher(s).matches() && !s.isBlank());
            assertThat(SyntaxValidator.isValid(P + "26", value))
                    .as("'%s'", s)
                    .isEqualTo(s.chars().allMatch(c -> c < 0x80));
        }
    }
}
