package dev.linden.model.matching;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.ResultCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each matching rule's normalised form, ordering, and refusal of values outside its syntax. */
class MatchingRulesTest {
    private static final Schema SCHEMA = Schema.standard();

    private static MatchingRule rule(String name) {
        MatchingRule rule = SCHEMA.matchingRule(name);
        assertThat(rule).as(name).isNotNull();
        return rule;
    }

    private static String norm(String rule, String value) throws LdapException {
        return rule(rule).normalize(value.getBytes(UTF_8), SCHEMA);
    }

    private static void assertInvalid(String rule, String value) {
        assertInvalid(rule, value.getBytes(UTF_8));
    }

    private static void assertInvalid(String rule, byte[] value) {
        assertThatThrownBy(() -> rule(rule).normalize(value, SCHEMA))
                .as(rule + " " + new String(value, ISO_8859_1))
                .isInstanceOfSatisfying(
                        LdapException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.INVALID_ATTRIBUTE_SYNTAX));
    }

    /** Sorts values by the rule's order of their normalised forms. */
    private static List<String> sorted(String ruleName, List<String> values) throws LdapException {
        MatchingRule rule = rule(ruleName);
        List<String[]> pairs = new ArrayList<>();
        for (String v : values) {
            pairs.add(new String[] {v, rule.normalize(v.getBytes(UTF_8), SCHEMA)});
        }
        pairs.sort(Comparator.comparing((String[] p) -> p[1], rule::compare));
        return pairs.stream().map(p -> p[0]).toList();
    }

    @Test
    void valuesAlreadyPreparedComeBackAsTheyAreAndOthersArePrepared() throws LdapException {
        assertThat(norm("caseIgnoreMatch", "user.1@example.com")).isEqualTo("user.1@example.com");
        assertThat(norm("caseIgnoreMatch", "a b c")).isEqualTo("a b c");
        assertThat(norm("caseIgnoreMatch", "Alice")).isEqualTo("alice");
        assertThat(norm("caseExactMatch", "Alice")).isEqualTo("Alice");
        assertThat(norm("caseIgnoreMatch", " a b ")).isEqualTo("a b");
        assertThat(norm("caseIgnoreMatch", "a  b")).isEqualTo("a b");
        assertThat(norm("caseIgnoreMatch", "a\tb")).isEqualTo("a b");
        assertThat(norm("caseIgnoreMatch", "a\u00a0b")).isEqualTo("a b");
        assertThat(norm("caseIgnoreIA5Match", "x")).isEqualTo("x");
        MatchingRule substrings = rule("caseIgnoreSubstringsMatch");
        assertThat(substrings.normalizeSubstring(" a ".getBytes(UTF_8), SCHEMA)).isEqualTo(" a ");
        assertThat(substrings.normalizeSubstring("a  ".getBytes(UTF_8), SCHEMA)).isEqualTo("a ");
        assertThat(substrings.normalizeSubstring(" A".getBytes(UTF_8), SCHEMA)).isEqualTo(" a");
    }

    @Test
    void rulesAreFoundByNameAndOid() {
        assertThat(rule("2.5.13.2").name()).isEqualTo("caseIgnoreMatch");
        assertThat(rule("integermatch").oid()).isEqualTo("2.5.13.14");
        assertThat(new MatchingRules().get(null)).isNull();
        assertThat(new MatchingRules().get("1.2.3.4.5")).isNull();
    }

    @Test
    void caseIgnoreFoldsCaseAndSpaces() throws LdapException {
        assertThat(norm("caseIgnoreMatch", "  Alice   ANDERSEN  ")).isEqualTo("alice andersen");
        assertThat(norm("caseIgnoreMatch", "Alice\tAndersen")).isEqualTo("alice andersen");
        assertThat(norm("caseIgnoreMatch", "ÅSA ÖBERG")).isEqualTo("åsa öberg");
        // compatibility forms fold (NFKC): the "fi" ligature and a full-width letter
        assertThat(norm("caseIgnoreMatch", "\uFB01le \uFF21")).isEqualTo("file a");
        // a no-break space is a space
        assertThat(norm("caseIgnoreMatch", "a\u00A0b")).isEqualTo("a b");
        assertThat(norm("caseIgnoreMatch", "   ")).isEmpty();
        assertThat(norm("caseIgnoreOrderingMatch", "B")).isEqualTo(norm("caseIgnoreMatch", "b"));
        assertInvalid("caseIgnoreMatch", new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
    }

    @Test
    void caseIgnoreOrdering() throws LdapException {
        assertThat(sorted("caseIgnoreOrderingMatch", List.of("charlie", "Bravo", "ALPHA", "alpha2")))
                .containsExactly("ALPHA", "alpha2", "Bravo", "charlie");
    }

    @Test
    void caseExactKeepsCaseButFoldsSpaces() throws LdapException {
        assertThat(norm("caseExactMatch", "  Alice   Andersen ")).isEqualTo("Alice Andersen");
        assertThat(norm("caseExactMatch", "Alice")).isNotEqualTo(norm("caseExactMatch", "alice"));
        assertThat(norm("caseExactIA5Match", " /home/Alice ")).isEqualTo("/home/Alice");
        assertThat(norm("caseIgnoreIA5Match", "Alice@Example.COM")).isEqualTo("alice@example.com");
        assertInvalid("caseExactIA5Match", "Åsa");
        assertInvalid("caseIgnoreIA5Match", "é");
    }

    @Test
    void substringPiecesKeepTheirEdgeSpaces() throws LdapException {
        MatchingRule sub = rule("caseIgnoreSubstringsMatch");

        assertThat(sub.normalizeSubstring(" Alice  ".getBytes(UTF_8), SCHEMA)).isEqualTo(" alice ");
        String value = sub.normalize("Alice  Andersen".getBytes(UTF_8), SCHEMA);
        assertThat(sub.matchesSubstrings(value, "ali", List.of("e a"), "sen")).isTrue();
        assertThat(sub.matchesSubstrings(value, null, List.of("ander", "sen"), null))
                .isTrue();
        assertThat(sub.matchesSubstrings(value, null, List.of("sen", "ander"), null))
                .isFalse();
        assertThat(sub.matchesSubstrings(value, "andersen", List.of(), null)).isFalse();
        // initial and final may not overlap
        assertThat(sub.matchesSubstrings("abc", "ab", List.of(), "bc")).isFalse();
        assertThat(sub.matchesSubstrings("abcbc", "ab", List.of(), "bc")).isTrue();
    }

    @Test
    void numericStringDropsSpaces() throws LdapException {
        assertThat(norm("numericStringMatch", " 123 456  789 ")).isEqualTo("123456789");
        assertThat(norm("numericStringMatch", "0042")).isEqualTo("0042");
        assertThat(norm("numericStringMatch", "1 2")).isEqualTo(norm("numericStringMatch", "12"));
        assertInvalid("numericStringMatch", "12a");
        assertInvalid("numericStringMatch", "-12");
        assertInvalid("numericStringMatch", "1.5");
        assertInvalid("numericStringOrderingMatch", "x");
    }

    @Test
    void telephoneNumberDropsSpacesAndHyphens() throws LdapException {
        assertThat(norm("telephoneNumberMatch", "+1 555-123 4567")).isEqualTo("+15551234567");
        assertThat(norm("telephoneNumberMatch", "+1-555-1234567"))
                .isEqualTo(norm("telephoneNumberMatch", "+1 555 123 4567"));
        assertThat(norm("telephoneNumberMatch", "+44 20 CALL NOW")).isEqualTo("+4420callnow");
        assertThat(norm("telephoneNumberMatch", "+1\u2010555")).isEqualTo("+1555");
    }

    @Test
    void integersNormaliseAndOrderAsNumbers() throws LdapException {
        // RFC 4517 3.3.16 (and slapd): no spaces, no leading zeros, no negative zero
        assertThat(norm("integerMatch", "42")).isEqualTo("42");
        assertThat(norm("integerMatch", "-7")).isEqualTo("-7");
        assertThat(norm("integerMatch", "0")).isEqualTo("0");
        assertThat(norm("integerMatch", "123456789012345678901234567890")).isEqualTo("123456789012345678901234567890");
        assertThat(sorted(
                        "integerOrderingMatch",
                        List.of(
                                "10",
                                "-2",
                                "9",
                                "0",
                                "-10",
                                "100000000000000000000000",
                                "-100000000000000000000000",
                                "3",
                                "99999999999999999999999")))
                .containsExactly(
                        "-100000000000000000000000",
                        "-10",
                        "-2",
                        "0",
                        "3",
                        "9",
                        "10",
                        "99999999999999999999999",
                        "100000000000000000000000");
        MatchingRule ordering = rule("integerOrderingMatch");
        assertThat(ordering.compare("-5", "-5")).isZero();
        assertThat(ordering.compare("-5", "-50")).isPositive();
        assertThat(ordering.compare("5", "50")).isNegative();
        for (String bad :
                List.of("", " ", "4.2", "abc", "1e3", "--1", "+5", "0x10", "1 000", " 042 ", "-0", "-007", "007")) {
            assertInvalid("integerMatch", bad);
        }
        assertInvalid("integerMatch", "1".repeat(1001));
    }

    @Test
    void generalizedTimeNormalisesToUtc() throws LdapException {
        String noon = norm("generalizedTimeMatch", "20240101120000Z");
        assertThat(noon).isEqualTo("20240101120000.000000000Z");
        assertThat(norm("generalizedTimeMatch", "20240101130000+0100")).isEqualTo(noon);
        assertThat(norm("generalizedTimeMatch", "20240101063000-0530")).isEqualTo(noon);
        assertThat(norm("generalizedTimeMatch", "20240101140000+02")).isEqualTo(noon);
        assertThat(norm("generalizedTimeMatch", "202401011200Z")).isEqualTo(noon);
        assertThat(norm("generalizedTimeMatch", "2024010112Z")).isEqualTo(noon);
        // fractions apply to the last unit given
        assertThat(norm("generalizedTimeMatch", "20240101120000.5Z")).isEqualTo("20240101120000.500000000Z");
        assertThat(norm("generalizedTimeMatch", "20240101120000,25Z")).isEqualTo("20240101120000.250000000Z");
        assertThat(norm("generalizedTimeMatch", "202401011230.5Z")).isEqualTo("20240101123030.000000000Z");
        assertThat(norm("generalizedTimeMatch", "2024010112.5Z")).isEqualTo("20240101123000.000000000Z");
        // across a day boundary
        assertThat(norm("generalizedTimeMatch", "20240101010000+0200")).isEqualTo("20231231230000.000000000Z");
    }

    @Test
    void generalizedTimeOrdersByInstant() throws LdapException {
        assertThat(sorted(
                        "generalizedTimeOrderingMatch",
                        List.of(
                                "20240101120000.5Z", // 12:00:00.5
                                "20240101130000+0100", // 12:00:00
                                "20240101115959.999Z", // 11:59:59.999
                                "20240101120000-0001", // 12:01:00
                                "20231231235959Z",
                                "20240101120000.25Z", // 12:00:00.25
                                "20240101120000.05Z", // 12:00:00.05
                                "19991231235959Z")))
                .containsExactly(
                        "19991231235959Z",
                        "20231231235959Z",
                        "20240101115959.999Z",
                        "20240101130000+0100",
                        "20240101120000.05Z",
                        "20240101120000.25Z",
                        "20240101120000.5Z",
                        "20240101120000-0001");
    }

    @Test
    void invalidGeneralizedTimes() {
        for (String bad : List.of(
                "",
                "2024",
                "20240101120000",
                "20241301120000Z",
                "20240230120000Z",
                "20240101250000Z",
                "20240101126000Z",
                "20240101120000+2400",
                "20240101120000 Z",
                "yesterday",
                "20240101120000.Z",
                "20240101120000+1")) {
            assertInvalid("generalizedTimeMatch", bad);
        }
    }

    @Test
    void booleans() throws LdapException {
        assertThat(norm("booleanMatch", "TRUE")).isEqualTo("TRUE");
        assertThat(norm("booleanMatch", "FALSE")).isEqualTo("FALSE");
        assertThat(norm("booleanMatch", " TRUE ")).isEqualTo("TRUE");
        for (String bad : List.of("yes", "1", "T", "", "TRUEE")) {
            assertInvalid("booleanMatch", bad);
        }
    }

    @Test
    void octetStringsCompareBytes() throws LdapException {
        MatchingRule rule = rule("octetStringMatch");
        byte[] binary = {0, (byte) 0xFF, (byte) 0x80, 'A'};

        assertThat(rule.normalize(binary, SCHEMA).getBytes(ISO_8859_1)).isEqualTo(binary);
        assertThat(norm("octetStringMatch", "Secret")).isNotEqualTo(norm("octetStringMatch", "secret"));
        assertThat(norm("octetStringMatch", " x ")).isEqualTo(" x ");
        // ordering is unsigned byte order
        MatchingRule ordering = rule("octetStringOrderingMatch");
        String high = ordering.normalize(new byte[] {(byte) 0x80}, SCHEMA);
        String low = ordering.normalize(new byte[] {0x7F}, SCHEMA);
        assertThat(ordering.compare(low, high)).isNegative();
    }

    @Test
    void objectIdentifiersResolveNames() throws LdapException {
        assertThat(norm("objectIdentifierMatch", "person")).isEqualTo("2.5.6.6");
        assertThat(norm("objectIdentifierMatch", " PERSON ")).isEqualTo("2.5.6.6");
        assertThat(norm("objectIdentifierMatch", "2.5.6.6")).isEqualTo("2.5.6.6");
        assertThat(norm("objectIdentifierMatch", "inetOrgPerson")).isEqualTo("2.16.840.1.113730.3.2.2");
        assertThat(norm("objectIdentifierMatch", "commonName")).isEqualTo("2.5.4.3");
        // names the schema does not know stay names
        assertThat(norm("objectIdentifierMatch", "madeUpClass")).isEqualTo("madeupclass");
        for (String bad : List.of("", "1..2", "1.", ".1", "has space", "under_score", "-dash", "1.02", "7")) {
            assertInvalid("objectIdentifierMatch", bad);
        }
        for (String bad : List.of("1a", "a.b", "0", "00.1", "1.2.", "a b")) {
            assertInvalid("objectIdentifierMatch", bad);
        }
        assertThat(norm("objectIdentifierMatch", "0.1")).isEqualTo("0.1");
        assertThat(norm("objectIdentifierMatch", "1.0.10")).isEqualTo("1.0.10");
        assertThat(norm("objectIdentifierMatch", "x-1")).isEqualTo("x-1");
    }

    @Test
    void theHandWrittenOidCheckAgreesWithTheGrammar() {
        // RFC 4512 1.4's numericoid / descr, lower-case, as a regular expression: the reference
        var grammar = java.util.regex.Pattern.compile("(?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))+|[a-z][a-z0-9-]*");
        String alphabet = "0123456789..az-_ A";
        var random = new java.util.Random(4512);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int len = random.nextInt(9); len > 0; len--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(ObjectIdentifierRule.isOidOrName(s))
                    .as("'%s'", s)
                    .isEqualTo(grammar.matcher(s).matches());
        }
    }

    @Test
    void distinguishedNamesNormalise() throws LdapException {
        assertThat(norm("distinguishedNameMatch", "UID=Alice , OU=People,DC=Example,DC=com"))
                .isEqualTo("uid=alice,ou=people,dc=example,dc=com");
        assertThat(norm("distinguishedNameMatch", "2.5.4.3=X+sn=Y")).isEqualTo("cn=x+sn=y");
        assertThat(norm("distinguishedNameMatch", "")).isEmpty();
        assertInvalid("distinguishedNameMatch", "not a dn");
        assertInvalid("distinguishedNameMatch", "noSuchType=x");
        assertInvalid("distinguishedNameMatch", "cn=x,");
    }

    @Test
    void uniqueMemberKeepsItsBitString() throws LdapException {
        assertThat(norm("uniqueMemberMatch", "CN=Alice,DC=com#'0101'B")).isEqualTo("cn=alice,dc=com#'0101'B");
        assertThat(norm("uniqueMemberMatch", "CN=Alice,DC=com")).isEqualTo("cn=alice,dc=com");
        assertInvalid("uniqueMemberMatch", "garbage");
    }

    @Test
    void uuids() throws LdapException {
        assertThat(norm("uuidMatch", "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"))
                .isEqualTo("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        assertThat(sorted(
                        "uuidOrderingMatch",
                        List.of(
                                "ffffffff-0000-0000-0000-000000000000",
                                "00000000-0000-0000-0000-000000000001",
                                "A0000000-0000-0000-0000-000000000000")))
                .containsExactly(
                        "00000000-0000-0000-0000-000000000001",
                        "A0000000-0000-0000-0000-000000000000",
                        "ffffffff-0000-0000-0000-000000000000");
        for (String bad : List.of(
                "",
                "f81d4fae7dec11d0a76500a0c91e6bf6",
                "f81d4fae-7dec-11d0-a765-00a0c91e6bf",
                "g81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                "{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}")) {
            assertInvalid("uuidMatch", bad);
        }
    }

    @Test
    void caseIgnoreListFoldsEachLine() throws LdapException {
        assertThat(norm("caseIgnoreListMatch", "1 Main  St $ Springfield$ USA")).isEqualTo("1 main st$springfield$usa");
    }

    @Test
    void firstComponentTakesTheOid() throws LdapException {
        assertThat(norm("objectIdentifierFirstComponentMatch", "( 2.5.4.3 NAME 'cn' SUP name )"))
                .isEqualTo("2.5.4.3");
        assertThat(norm("objectIdentifierFirstComponentMatch", "2.5.4.3")).isEqualTo("2.5.4.3");
    }

    @ParameterizedTest
    @CsvSource({
        "caseIgnoreMatch, Hello World, hello   world",
        "caseIgnoreIA5Match, MAIL@X.ORG, mail@x.org",
        "caseExactMatch, Hello World, '  Hello  World '",
        "numericStringMatch, 1 2 3, 123",
        "telephoneNumberMatch, 555-1234, 555 1234",
        "integerMatch, -12, -12",
        "generalizedTimeMatch, 20240101120000Z, 20240101140000+0200",
        "booleanMatch, TRUE, ' TRUE'",
        "objectIdentifierMatch, top, 2.5.6.0",
        "distinguishedNameMatch, 'CN=A,DC=B', 'cn=a, dc=b'",
        "uuidMatch, F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6, f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    })
    void equalValuesShareANormalisedForm(String rule, String a, String b) throws LdapException {
        assertThat(norm(rule, a)).isEqualTo(norm(rule, b));
    }
}
