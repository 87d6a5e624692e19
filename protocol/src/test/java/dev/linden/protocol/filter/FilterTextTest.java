package dev.linden.protocol.filter;

import static dev.linden.protocol.Codec.assertDeepEquals;
import static dev.linden.protocol.Codec.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.Codec;
import dev.linden.protocol.FilterCodecTest;
import dev.linden.protocol.ber.BerException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The string representation of filters, RFC 4515. */
class FilterTextTest {

    private static Filter eq(String attribute, String value) {
        return new Filter.Equality(attribute, utf8(value));
    }

    /** RFC 4515 section 4: every example, the records it must parse to, and how it formats back. */
    static Stream<Arguments> rfc4515Examples() {
        return Stream.of(
                Arguments.of("(cn=Babs Jensen)", eq("cn", "Babs Jensen"), "(cn=Babs Jensen)"),
                Arguments.of("(!(cn=Tim Howes))", new Filter.Not(eq("cn", "Tim Howes")), "(!(cn=Tim Howes))"),
                Arguments.of(
                        "(&(objectClass=Person)(|(sn=Jensen)(cn=Babs J*)))",
                        new Filter.And(List.of(
                                eq("objectClass", "Person"),
                                new Filter.Or(List.of(
                                        eq("sn", "Jensen"),
                                        new Filter.Substrings("cn", utf8("Babs J"), List.of(), null))))),
                        "(&(objectClass=Person)(|(sn=Jensen)(cn=Babs J*)))"),
                Arguments.of(
                        "(o=univ*of*mich*)",
                        new Filter.Substrings("o", utf8("univ"), List.of(utf8("of"), utf8("mich")), null),
                        "(o=univ*of*mich*)"),
                Arguments.of("(seeAlso=)", new Filter.Equality("seeAlso", new byte[0]), "(seeAlso=)"),
                Arguments.of(
                        "(cn:caseExactMatch:=Fred Flintstone)",
                        new Filter.Extensible("caseExactMatch", "cn", utf8("Fred Flintstone"), false),
                        "(cn:caseExactMatch:=Fred Flintstone)"),
                Arguments.of(
                        "(cn:=Betty Rubble)",
                        new Filter.Extensible(null, "cn", utf8("Betty Rubble"), false),
                        "(cn:=Betty Rubble)"),
                Arguments.of(
                        "(sn:dn:2.4.6.8.10:=Barney Rubble)",
                        new Filter.Extensible("2.4.6.8.10", "sn", utf8("Barney Rubble"), true),
                        "(sn:dn:2.4.6.8.10:=Barney Rubble)"),
                Arguments.of(
                        "(o:dn:=Ace Industry)",
                        new Filter.Extensible(null, "o", utf8("Ace Industry"), true),
                        "(o:dn:=Ace Industry)"),
                Arguments.of(
                        "(:1.2.3:=Wilma Flintstone)",
                        new Filter.Extensible("1.2.3", null, utf8("Wilma Flintstone"), false),
                        "(:1.2.3:=Wilma Flintstone)"),
                Arguments.of(
                        "(:DN:2.4.6.8.10:=Dino)",
                        new Filter.Extensible("2.4.6.8.10", null, utf8("Dino"), true),
                        "(:dn:2.4.6.8.10:=Dino)"),
                Arguments.of(
                        "(o=Parens R Us \\28for all your parenthetical needs\\29)",
                        eq("o", "Parens R Us (for all your parenthetical needs)"),
                        "(o=Parens R Us \\28for all your parenthetical needs\\29)"),
                Arguments.of("(cn=*\\2A*)", new Filter.Substrings("cn", null, List.of(utf8("*")), null), "(cn=*\\2a*)"),
                Arguments.of("(filename=C:\\5cMyFile)", eq("filename", "C:\\MyFile"), "(filename=C:\\5cMyFile)"),
                Arguments.of("(sn=Lu\\c4\\8di\\c4\\87)", eq("sn", "Lučić"), "(sn=Lučić)"),
                Arguments.of(
                        "(1.3.6.1.4.1.1466.0=\\04\\02\\48\\69)",
                        new Filter.Equality("1.3.6.1.4.1.1466.0", new byte[] {4, 2, 0x48, 0x69}),
                        "(1.3.6.1.4.1.1466.0=\u0004\u0002Hi)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4515Examples")
    void rfc4515Example(String text, Filter expected, String formatted) throws FilterSyntaxException {
        Filter parsed = FilterText.parse(text);
        assertDeepEquals(parsed, expected);
        assertThat(FilterText.format(parsed)).isEqualTo(formatted);
        assertDeepEquals(FilterText.parse(FilterText.format(parsed)), expected);
        assertThat(Filter.toString(parsed)).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4515Examples")
    void rfc4515ExampleSurvivesBer(String text, Filter expected, String formatted) throws Exception {
        Filter parsed = FilterText.parse(text);
        assertDeepEquals(Codec.decodeFilter(Codec.ber(parsed)), parsed);
    }

    @Test
    void byteValuesFromTheRfcExamples() throws FilterSyntaxException {
        Filter.Equality sn = (Filter.Equality) FilterText.parse("(sn=Lu\\c4\\8di\\c4\\87)");
        assertThat(sn.value()).containsExactly(0x4c, 0x75, 0xc4, 0x8d, 0x69, 0xc4, 0x87);
        Filter.Substrings star = (Filter.Substrings) FilterText.parse("(cn=*\\2A*)");
        assertThat(star.initial()).isNull();
        assertThat(star.fin()).isNull();
        assertThat(star.any()).singleElement().satisfies(b -> assertThat(b).containsExactly('*'));
    }

    @Test
    void simpleItems() throws FilterSyntaxException {
        assertDeepEquals(FilterText.parse("(cn=*)"), new Filter.Present("cn"));
        assertDeepEquals(FilterText.parse("(cn>=a)"), new Filter.GreaterOrEqual("cn", utf8("a")));
        assertDeepEquals(FilterText.parse("(cn<=a)"), new Filter.LessOrEqual("cn", utf8("a")));
        assertDeepEquals(FilterText.parse("(cn~=a)"), new Filter.Approx("cn", utf8("a")));
        assertDeepEquals(FilterText.parse("(cn=*a)"), new Filter.Substrings("cn", null, List.of(), utf8("a")));
        assertDeepEquals(FilterText.parse("(cn=a*)"), new Filter.Substrings("cn", utf8("a"), List.of(), null));
        assertDeepEquals(FilterText.parse("(cn=a*b)"), new Filter.Substrings("cn", utf8("a"), List.of(), utf8("b")));
        assertDeepEquals(
                FilterText.parse("(cn=*a*b*)"), new Filter.Substrings("cn", null, List.of(utf8("a"), utf8("b")), null));
        assertDeepEquals(FilterText.parse("(cn;lang-en=x)"), eq("cn;lang-en", "x"));
        assertDeepEquals(FilterText.parse("(2.5.4.3=x)"), eq("2.5.4.3", "x"));
        assertDeepEquals(FilterText.parse("(cn=a=b>=c~d)"), eq("cn", "a=b>=c~d"));
        assertDeepEquals(FilterText.parse("(cn= spaced )"), eq("cn", " spaced "));
    }

    @Test
    void absoluteTrueAndFalse() throws FilterSyntaxException {
        // RFC 4526
        assertDeepEquals(FilterText.parse("(&)"), new Filter.And(List.of()));
        assertDeepEquals(FilterText.parse("(|)"), new Filter.Or(List.of()));
        assertThat(FilterText.format(new Filter.And(List.of()))).isEqualTo("(&)");
        assertThat(FilterText.format(new Filter.Or(List.of()))).isEqualTo("(|)");
    }

    @Test
    void parenthesesAndOuterWhitespaceAreOptional() throws FilterSyntaxException {
        assertDeepEquals(FilterText.parse("uid=jdoe"), eq("uid", "jdoe"));
        assertDeepEquals(FilterText.parse("  (uid=jdoe)\n"), eq("uid", "jdoe"));
        assertDeepEquals(FilterText.parse("\t&(a=1)(b=2) "), new Filter.And(List.of(eq("a", "1"), eq("b", "2"))));
    }

    @Test
    void upperAndLowerCaseEscapes() throws FilterSyntaxException {
        assertDeepEquals(
                FilterText.parse("(cn=\\2a\\2A\\5C\\5c\\Ff)"),
                new Filter.Equality("cn", new byte[] {'*', '*', '\\', '\\', (byte) 0xff}));
    }

    @Test
    void formatEscapesWhatMustBeEscaped() {
        assertThat(FilterText.format(new Filter.Equality("cn", utf8("a*b(c)d\\e\0f"))))
                .isEqualTo("(cn=a\\2ab\\28c\\29d\\5ce\\00f)");
        // not UTF-8: every byte escaped
        assertThat(FilterText.format(new Filter.Equality("photo", new byte[] {(byte) 0xff, 0, 0x28, 0x41})))
                .isEqualTo("(photo=\\ff\\00\\28\\41)");
        assertThat(FilterText.format(new Filter.Substrings("cn", utf8("("), List.of(utf8("*")), utf8(")"))))
                .isEqualTo("(cn=\\28*\\2a*\\29)");
        assertThat(FilterText.format(new Filter.Extensible("1.2", null, utf8("a)"), true)))
                .isEqualTo("(:dn:1.2:=a\\29)");
        assertThat(FilterText.format(new Filter.GreaterOrEqual("n", utf8("5")))).isEqualTo("(n>=5)");
        assertThat(FilterText.format(new Filter.LessOrEqual("n", utf8("5")))).isEqualTo("(n<=5)");
        assertThat(FilterText.format(new Filter.Approx("n", utf8("5")))).isEqualTo("(n~=5)");
        assertThat(FilterText.format(new Filter.Present("n"))).isEqualTo("(n=*)");
    }

    static Stream<Filter.Extensible> extensibleCombinations() {
        return Stream.of(
                new Filter.Extensible("2.4.6.8.10", "cn", utf8("v"), true),
                new Filter.Extensible("2.4.6.8.10", "cn", utf8("v"), false),
                new Filter.Extensible(null, "cn", utf8("v"), true),
                new Filter.Extensible(null, "cn", utf8("v"), false),
                new Filter.Extensible("caseIgnoreMatch", null, utf8("v"), true),
                new Filter.Extensible("caseIgnoreMatch", null, new byte[0], false));
    }

    @ParameterizedTest
    @MethodSource("extensibleCombinations")
    void extensibleCombinationsFormatAndParse(Filter.Extensible x) throws FilterSyntaxException {
        String text = FilterText.format(x);
        assertDeepEquals(FilterText.parse(text), x);
    }

    @Test
    void formatThenParseGivesTheSameStructureForEveryChoiceNested() throws FilterSyntaxException {
        // includes non-UTF-8 values, empty values and every filter choice, five levels deep
        Filter f = FilterCodecTest.nested(3);
        assertDeepEquals(FilterText.parse(FilterText.format(f)), f);
    }

    @Test
    void unicodeValuesAndAttributeOptions() throws FilterSyntaxException {
        Filter f = FilterText.parse("(&(cn;lang-ja=日本)(description=😀*✓))");
        assertDeepEquals(
                f,
                new Filter.And(List.of(
                        eq("cn;lang-ja", "日本"),
                        new Filter.Substrings("description", utf8("😀"), List.of(), utf8("✓")))));
        assertThat(FilterText.format(f)).isEqualTo("(&(cn;lang-ja=日本)(description=😀*✓))");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(cn=a",
                "((cn=a)",
                "(cn=a))",
                "cn=a)",
                "(&(cn=a)",
                "(&(cn=a)))",
                "(|(cn=a)(sn=b)",
                "(!(cn=a)",
                ")",
                "(",
                ")(",
                "",
                "   ",
                "()",
                "(cn=a)(sn=b)",
                "(cn=a) x",
                "(cn=a*(b)",
                "(cn=a(b)",
                "(cn=a)b)",
                "(=x)",
                "(=)",
                "(>=x)",
                "(~=x)",
                "(=*)",
                "(cn=\\4)",
                "(cn=\\4",
                "(cn=\\)",
                "(cn=\\",
                "(cn=\\zz)",
                "(cn=\\g0)",
                "(cn=\\0g)",
                "(cn=a\\ 1)",
                "(:=x)",
                "(:dn:=x)",
                "(::=x)",
                "(cn:dn)",
                "(cn:)",
                "(cn:=)x",
                "(cn:1.2:dn:=x)",
                "(cn::=x)",
                "(cn:1.2:3.4:=x)",
                "(cn:=a*)",
                "(:1.2:=(x)",
                "(cn:r(ule:=x)",
                "(c n:=x)",
                "(cn~x)",
                "(cn<x)",
                "(cn>x)",
                "(cn~=a*)",
                "(cn>=a*b)",
                "(cn<=*)",
                "(cn=a**b)",
                "(cn=**)",
                "(c n=x)",
                "(cn!=x)",
                "(c&n=x)",
                "(cn*=x)",
                "(é=x)",
                "(!)",
                "(!(cn=a)(sn=b))",
                "(!cn=a)",
                "(&cn=a)",
                "(&(cn=a)x)",
                "(|(cn=a) (sn=b))"
            })
    void malformed(String text) {
        assertThatThrownBy(() -> FilterText.parse(text)).as(text).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void escapesUseAsciiHexDigitsOnly() {
        // Character.digit accepts other scripts' digits (Arabic-Indic three, fullwidth A); RFC 4515 HEX does not
        assertThatThrownBy(() -> FilterText.parse("(cn=\\\u0663\u0663)")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> FilterText.parse("(cn=\\\uFF21\uFF21)")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> FilterText.parse("(cn=\\4\uFF11)")).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void unpairedSurrogatesAreRejectedNotTurnedIntoQuestionMarks() {
        assertThatThrownBy(() -> FilterText.parse("(cn=a\uD800)")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> FilterText.parse("(cn=\uDC00b)")).isInstanceOf(FilterSyntaxException.class);
        assertThatThrownBy(() -> FilterText.parse("(cn=*\uD83D*)")).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void pairedSurrogatesAreFineWhateverTheirLowBits() throws FilterSyntaxException {
        // U+1D800 and U+1DFFF: their low 16 bits look like surrogates, the code points are not
        assertThat(((Filter.Equality) FilterText.parse("(cn=\uD836\uDC00\uD837\uDFFF)")).value())
                .containsExactly(0xf0, 0x9d, 0xa0, 0x80, 0xf0, 0x9d, 0xbf, 0xbf);
        assertThat(((Filter.Equality) FilterText.parse("(cn=\uD83D\uDE00)")).value())
                .containsExactly(utf8("😀"));
    }

    @Test
    void nestingTenThousandDeepIsASyntaxErrorNotAStackOverflow() {
        for (String op : new String[] {"!", "&", "|"}) {
            String text = ("(" + op).repeat(10_000) + "(cn=a)" + ")".repeat(10_000);
            assertThatThrownBy(() -> FilterText.parse(text))
                    .isInstanceOf(FilterSyntaxException.class)
                    .hasMessageContaining("deeper");
            String unclosed = ("(" + op).repeat(10_000);
            assertThatThrownBy(() -> FilterText.parse(unclosed)).isInstanceOf(FilterSyntaxException.class);
        }
    }

    @Test
    void depthLimitMatchesTheBerDecoder() throws FilterSyntaxException, BerException {
        String ok = "(!".repeat(Filter.MAX_DEPTH) + "(cn=*)" + ")".repeat(Filter.MAX_DEPTH);
        Filter f = FilterText.parse(ok);
        assertDeepEquals(f, FilterCodecTest.chain(0, Filter.MAX_DEPTH));
        assertDeepEquals(Codec.decodeFilter(Codec.ber(f)), f);
        String tooDeep = "(!" + ok + ")";
        assertThatThrownBy(() -> FilterText.parse(tooDeep)).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void longFlatFiltersAreFine() throws FilterSyntaxException {
        String text = "(|" + "(uid=someone)".repeat(50_000) + ")";
        Filter.Or or = (Filter.Or) FilterText.parse(text);
        assertThat(or.filters()).hasSize(50_000);
        assertThat(FilterText.format(or)).isEqualTo(text);
    }
}
