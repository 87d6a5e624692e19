package dev.linden.protocol;

import static dev.linden.protocol.Codec.ber;
import static dev.linden.protocol.Codec.bytes;
import static dev.linden.protocol.Codec.decodeFilter;
import static dev.linden.protocol.Codec.hex;
import static dev.linden.protocol.Codec.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.SearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters in BER (RFC 4511 section 4.5.1): every choice, nested, round-tripped inside a search request. */
public class FilterCodecTest {

    /** Every leaf choice, with values of several lengths. */
    public static List<Filter> leaves() {
        return List.of(
                new Filter.Equality("cn", utf8("Babs Jensen")),
                new Filter.Equality("seeAlso", new byte[0]),
                new Filter.GreaterOrEqual("createTimestamp", utf8("20240101000000Z")),
                new Filter.LessOrEqual("uidNumber", utf8("1000")),
                new Filter.Approx("sn", utf8("Jensn")),
                new Filter.Present("objectClass"),
                new Filter.Substrings("o", utf8("univ"), List.of(utf8("of")), utf8("mich")),
                new Filter.Substrings("cn", null, List.of(), utf8("son")),
                new Filter.Extensible("2.4.6.8.10", "sn", utf8("Barney Rubble"), true),
                new Filter.Equality("jpegPhoto", bytes(2500)));
    }

    /** A filter with every choice, nested {@code depth} levels through and/or/not. */
    public static Filter nested(int depth) {
        if (depth == 0) {
            return new Filter.And(leaves());
        }
        List<Filter> children = new ArrayList<>(leaves());
        children.add(new Filter.Not(nested(depth - 1)));
        children.add(new Filter.Or(List.of(nested(depth - 1), new Filter.Present("x" + depth))));
        return depth % 2 == 0 ? new Filter.And(children) : new Filter.Or(children);
    }

    static Filter roundTripInSearch(Filter filter) throws BerException {
        SearchRequest s = new SearchRequest(
                "dc=example", SearchScope.SUB, DerefAliases.NEVER, 0, 0, false, filter, List.of("cn"));
        return ((SearchRequest) Codec.roundTrip(new LdapMessage(2, s)).op()).filter();
    }

    static Stream<Filter> everyLeaf() {
        return leaves().stream();
    }

    @ParameterizedTest
    @MethodSource("everyLeaf")
    void everyLeafRoundTrips(Filter leaf) throws BerException {
        Filter decoded = roundTripInSearch(leaf);
        assertThat(decoded).isInstanceOf(leaf.getClass());
        Codec.assertDeepEquals(decoded, leaf);
        Codec.assertDeepEquals(decodeFilter(ber(leaf)), leaf);
    }

    @Test
    void everyChoiceNestedFiveLevels() throws BerException {
        Filter f = nested(5);
        Filter decoded = roundTripInSearch(f);
        Codec.assertDeepEquals(decoded, f);
        assertThat(ber(f).length).as("big enough for multi-octet lengths").isGreaterThan(70000);
    }

    @Test
    void emptyAndOrRoundTrip() throws BerException {
        // RFC 4526 absolute true and false
        assertThat(hex(ber(new Filter.And(List.of())))).isEqualTo("a0 00");
        assertThat(hex(ber(new Filter.Or(List.of())))).isEqualTo("a1 00");
        Codec.assertDeepEquals(roundTripInSearch(new Filter.And(List.of())), new Filter.And(List.of()));
        Codec.assertDeepEquals(
                roundTripInSearch(new Filter.Not(new Filter.Or(List.of()))), new Filter.Not(new Filter.Or(List.of())));
    }

    @Test
    void notOfNotOfNot() throws BerException {
        Filter f = new Filter.Not(new Filter.Not(new Filter.Not(new Filter.Present("cn"))));
        assertThat(hex(ber(f))).isEqualTo("a2 08 a2 06 a2 04 87 02 63 6e");
        Codec.assertDeepEquals(roundTripInSearch(f), f);
    }

    /** Every combination of matching rule, type and dnAttributes but the one RFC 4511 forbids (neither). */
    static Stream<Filter.Extensible> extensibleCombinations() {
        List<Filter.Extensible> all = new ArrayList<>();
        for (String rule : new String[] {null, "2.4.6.8.10", "caseExactMatch"}) {
            for (String type : new String[] {null, "cn"}) {
                for (boolean dn : new boolean[] {false, true}) {
                    for (byte[] value : new byte[][] {utf8("Fred Flintstone"), new byte[0]}) {
                        if (rule != null || type != null) {
                            all.add(new Filter.Extensible(rule, type, value, dn));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("extensibleCombinations")
    void extensibleMatchCombinations(Filter.Extensible x) throws BerException {
        Filter.Extensible decoded = (Filter.Extensible) roundTripInSearch(x);
        assertThat(decoded.matchingRule()).isEqualTo(x.matchingRule());
        assertThat(decoded.attribute()).isEqualTo(x.attribute());
        assertThat(decoded.value()).containsExactly(x.value());
        assertThat(decoded.dnAttributes()).isEqualTo(x.dnAttributes());
        // and nested under and/or/not
        Filter tree = new Filter.And(List.of(new Filter.Or(List.of(new Filter.Not(x), x)), x));
        Codec.assertDeepEquals(roundTripInSearch(tree), tree);
    }

    @Test
    void extensibleKnownBytes() throws BerException {
        // (sn:dn:2.4.6.8.10:=Barney Rubble): rule [1], type [2], value [3], dnAttributes [4] TRUE
        Filter x = new Filter.Extensible("2.4.6.8.10", "sn", utf8("Barney Rubble"), true);
        String expected = "a9 22 81 0a 32 2e 34 2e 36 2e 38 2e 31 30 82 02 73 6e"
                + " 83 0d 42 61 72 6e 65 79 20 52 75 62 62 6c 65 84 01 ff";
        assertThat(hex(ber(x))).isEqualTo(expected);
        Codec.assertDeepEquals(decodeFilter(Codec.hex(expected)), x);
    }

    /** Every arrangement of initial, 0 to 2 any, and final, but the empty one. */
    static Stream<Filter.Substrings> substringCombinations() {
        List<Filter.Substrings> all = new ArrayList<>();
        for (byte[] initial : new byte[][] {null, utf8("ini")}) {
            for (int anys = 0; anys <= 2; anys++) {
                for (byte[] fin : new byte[][] {null, utf8("fin")}) {
                    List<byte[]> any = new ArrayList<>();
                    for (int i = 0; i < anys; i++) {
                        any.add(utf8("any" + i));
                    }
                    if (initial != null || fin != null || anys > 0) {
                        all.add(new Filter.Substrings("cn", initial, any, fin));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("substringCombinations")
    void substringCombinationsRoundTrip(Filter.Substrings s) throws BerException {
        Filter.Substrings decoded = (Filter.Substrings) roundTripInSearch(s);
        Codec.assertDeepEquals(decoded, s);
        assertThat(decoded.any()).hasSameSizeAs(s.any());
    }

    @Test
    void substringKnownBytes() throws BerException {
        // (o=univ*of*mich*): initial "univ", any "of", any "mich", no final
        Filter s = new Filter.Substrings("o", utf8("univ"), List.of(utf8("of"), utf8("mich")), null);
        String expected = "a4 15 04 01 6f 30 10 80 04 75 6e 69 76 81 02 6f 66 81 04 6d 69 63 68";
        assertThat(hex(ber(s))).isEqualTo(expected);
        Codec.assertDeepEquals(decodeFilter(Codec.hex(expected)), s);
    }

    @Test
    void depthLimitIsTheSameForEveryCompositeChoice() throws BerException {
        for (int kind = 0; kind < 3; kind++) {
            Filter ok = chain(kind, Filter.MAX_DEPTH);
            Codec.assertDeepEquals(decodeFilter(ber(ok)), ok);
            Filter tooDeep = chain(kind, Filter.MAX_DEPTH + 1);
            byte[] tooDeepBer = ber(tooDeep);
            assertThatThrownBy(() -> decodeFilter(tooDeepBer)).isInstanceOf(BerException.class);
        }
    }

    /** {@code levels} and/or/not filters around a present filter. */
    public static Filter chain(int kind, int levels) {
        Filter f = new Filter.Present("cn");
        for (int i = 0; i < levels; i++) {
            f = switch (kind) {
                case 0 -> new Filter.Not(f);
                case 1 -> new Filter.And(List.of(f));
                default -> new Filter.Or(List.of(new Filter.Present("sn"), f));
            };
        }
        return f;
    }
}
