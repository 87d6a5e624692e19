package dev.linden.protocol;

import static dev.linden.protocol.Codec.hex;
import static dev.linden.protocol.Codec.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed PDUs: every one must be refused with a BerException and nothing else. */
class MalformedPduTest {

    private static void assertRejected(byte[] pdu) {
        assertThatThrownBy(() -> LdapDecoder.decode(pdu)).as(hex(pdu)).isInstanceOf(BerException.class);
    }

    private static void assertRejected(String hex) {
        assertRejected(Codec.hex(hex.replaceAll("--.*", "")));
    }

    /** Valid PDUs of many shapes, from one byte of content to multi-octet lengths, filters and controls. */
    static Stream<Arguments> validPdus() {
        Filter filter = new Filter.And(List.of(
                new Filter.Present("objectClass"),
                new Filter.Or(List.of(
                        new Filter.Substrings("cn", Codec.utf8("a"), List.of(Codec.utf8("b")), null),
                        new Filter.Not(new Filter.Extensible("2.5.13.2", "cn", Codec.utf8("x"), true))))));
        List<ProtocolOp> ops = List.of(
                BindRequest.simple("", new byte[0]),
                BindRequest.sasl("cn=x", "DIGEST-MD5", Codec.bytes(200)),
                new UnbindRequest(),
                new AbandonRequest(300),
                new DeleteRequest("cn=" + Codec.ascii(300)),
                new SearchRequest(
                        "dc=example", SearchScope.SUB, DerefAliases.ALWAYS, 100, 60, true, filter, List.of("cn", "sn")),
                new ModifyRequest(
                        "cn=a",
                        List.of(new Modification(ModOp.ADD, new PartialAttribute("mail", List.of(utf8("a@b")))))),
                new ModifyDnRequest("cn=a", "cn=b", true, "o=x"),
                new CompareRequest("cn=a", "sn", utf8("x")),
                new ExtendedResponse(
                        new LdapResult(ResultCode.REFERRAL, "", "", List.of("ldap://x/")), "1.2", utf8("v")),
                new SearchResultEntry("cn=a", List.of(new PartialAttribute("cn", List.of(utf8("a"))))));
        return ops.stream()
                .flatMap(op -> Stream.of(
                        Arguments.of(op.getClass().getSimpleName(), LdapEncoder.encode(new LdapMessage(70000, op))),
                        Arguments.of(
                                op.getClass().getSimpleName() + "+controls",
                                LdapEncoder.encode(new LdapMessage(
                                        1,
                                        op,
                                        List.of(
                                                new Control("1.2.840.113556.1.4.319", true, Codec.bytes(130)),
                                                new Control("1.3", false, null)))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPdus")
    void everyPrefixIsRejected(String name, byte[] pdu) throws BerException {
        LdapDecoder.decode(pdu); // the whole PDU is valid
        for (int n = 0; n < pdu.length; n++) {
            assertRejected(Arrays.copyOf(pdu, n));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPdus")
    void everyPrefixOfTheContentUnderACorrectedLengthIsRejectedOrDecodes(String name, byte[] pdu) {
        // Cut the message short but fix the outer length: inner elements are then truncated, and the
        // decoder must notice from their own lengths. Only BerException, or a message that round-trips.
        int headerLength = (pdu[1] & 0x80) == 0 ? 2 : 2 + (pdu[1] & 0x7F);
        byte[] content = Arrays.copyOfRange(pdu, headerLength, pdu.length);
        for (int n = 0; n < content.length; n++) {
            byte[] cut =
                    new BerWriter().octetString(BerTags.SEQUENCE, content, 0, n).toByteArray();
            decodesCleanlyOrIsRejected(cut);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPdus")
    void everySingleByteMutationIsRejectedOrRoundTrips(String name, byte[] pdu) {
        int[] replacements = {0x00, 0x01, 0x04, 0x30, 0x7F, 0x80, 0x81, 0x84, 0x85, 0xA0, 0xFF};
        for (int i = 0; i < pdu.length; i++) {
            for (int r : replacements) {
                byte[] mutated = pdu.clone();
                mutated[i] = (byte) r;
                decodesCleanlyOrIsRejected(mutated);
            }
            byte[] flipped = pdu.clone();
            flipped[i] ^= 0x20; // primitive <-> constructed
            decodesCleanlyOrIsRejected(flipped);
        }
    }

    /** Decoding may succeed, then encode, decode, encode must agree; or fail, with BerException only. */
    private static void decodesCleanlyOrIsRejected(byte[] pdu) {
        LdapMessage m;
        try {
            m = LdapDecoder.decode(pdu);
        } catch (BerException expected) {
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoding " + hex(pdu) + " threw " + e, e);
        }
        byte[] first = LdapEncoder.encode(m);
        try {
            assertThat(LdapEncoder.encode(LdapDecoder.decode(first)))
                    .as(hex(pdu))
                    .containsExactly(first);
        } catch (BerException e) {
            fail("re-decoding the encoding of " + hex(pdu) + " failed: " + e.getMessage());
        }
    }

    @Test
    void emptyInput() {
        assertRejected(new byte[0]);
        assertRejected("30");
        assertRejected("30 00"); // no message ID
        assertRejected("30 03 02 01 01"); // no protocol op
    }

    @Test
    void wrongTags() {
        assertRejected("31 05 02 01 03 42 00"); // SET instead of SEQUENCE
        assertRejected("10 05 02 01 03 42 00"); // primitive SEQUENCE
        assertRejected("30 05 04 01 03 42 00"); // messageID as OCTET STRING
        assertRejected("30 05 0a 01 03 42 00"); // messageID as ENUMERATED
        assertRejected("30 0c 02 01 01 60 07 04 01 03 04 00 80 00"); // bind version as OCTET STRING
        assertRejected("30 0c 02 01 01 60 07 02 01 03 80 00 80 00"); // bind name with a context tag
        assertRejected("30 0c 02 01 01 60 07 02 01 03 04 00 81 00"); // [1] is not an authentication choice
        assertRejected("30 0c 02 01 01 60 07 02 01 03 04 00 a0 00"); // nor is [0] constructed
        assertRejected("30 06 02 01 06 02 01 05"); // abandon as universal INTEGER
        assertRejected("30 07 02 01 04 04 02 63 6e"); // delete as universal OCTET STRING
        assertRejected("30 07 02 01 04 6a 02 63 6e"); // delete as constructed [APPLICATION 10]
        assertRejected("30 05 02 01 03 62 00"); // unbind as constructed [APPLICATION 2]
    }

    @Test
    void wrongTagForAnOptionalElementAfterTheOperationIsIgnored() throws BerException {
        // [1] after the op is not controls: RFC 4511 says to ignore unknown trailing elements
        assertThat(LdapDecoder.decode(Codec.hex("30 07 02 01 03 42 00 a1 00")).controls())
                .isEmpty();
    }

    @Test
    void multiByteTag() {
        assertRejected("3f 05 02 01 03 42 00");
        assertRejected("30 06 02 01 03 5f 01 00"); // [APPLICATION 31+] high tag number form
    }

    @Test
    void indefiniteLength() {
        assertRejected("30 80 02 01 03 42 00 00 00");
        assertRejected("30 0b 02 01 01 60 80 02 01 03 04 00 80 00 00 00");
    }

    @Test
    void fiveByteLength() {
        assertRejected("30 85 00 00 00 00 05 02 01 03 42 00");
        assertRejected("30 0c 02 01 03 4a 85 00 00 00 00 03 63 6e 3d");
    }

    @Test
    void lengthBeyondIntRange() {
        assertRejected("30 84 80 00 00 05 02 01 03 42 00");
        assertRejected("30 84 ff ff ff ff 02 01 03 42 00");
    }

    @Test
    void lengthsExceedingTheData() {
        assertRejected("30 06 02 01 03 42 00"); // outer one byte too long
        assertRejected("30 05 02 02 03 42 00"); // message ID runs into the op
        assertRejected("30 05 02 01 03 42 01"); // unbind claims a byte past the end
        assertRejected("30 07 02 01 04 4a 05 63 6e"); // DN of 5 with 2 present
        assertRejected("30 0c 02 01 01 60 08 02 01 03 04 00 80 00"); // bind longer than the message
        assertRejected("30 81 ff 02 01 03 42 00");
        assertRejected("30 82 ff ff 02 01 03 42 00");
        assertRejected("30 83 01 00 00 02 01 03 42 00");
        assertRejected("30 84 00 01 00 00 02 01 03 42 00");
        assertRejected("30 81"); // length octets missing
        assertRejected("30 82 00");
    }

    @Test
    void trailingGarbageAfterTheMessage() {
        assertRejected("30 05 02 01 03 42 00 00");
        assertRejected("30 05 02 01 03 42 00 30 05 02 01 03 42 00"); // a second message
        assertRejected("30 0c 02 01 01 60 07 02 01 03 04 00 80 00 ff");
    }

    @Test
    void trailingGarbageInsideARequest() {
        assertRejected("30 0f 02 01 01 60 0a 02 01 03 04 00 80 00 04 01 78"); // bind
        assertRejected("30 16 02 01 04 6e 11 04 04 63 6e 3d 61 30 09 04 02 73 6e 04 01 78 05 00"); // inside the AVA
        assertRejected("30 16 02 01 04 6e 11 04 04 63 6e 3d 61 30 07 04 02 73 6e 04 01 78 05 00"); // compare
        assertRejected("30 1b 02 01 01 77 16 80 03 31 2e 32 81 01 00 04 0c 61 62 63 64 65 66 67 68 69 6a 6b 6c");
        assertRejected("30 09 02 01 01 42 00 a0 02 30 00"); // control without an OID
        assertRejected("30 10 02 01 01 42 00 a0 09 30 07 04 00 01 01 ff 02 00"); // control with an extra element
        assertRejected("30 0c 02 01 01 42 00 a0 05 30 03 04 00 02"); // control's content runs out mid-element
    }

    @Test
    void messageIdOutOfRange() {
        assertRejected("30 05 02 01 ff 42 00"); // -1
        assertRejected("30 08 02 04 80 00 00 00 42 00"); // -2^31
        assertRejected("30 09 02 05 00 80 00 00 00 42 00"); // 2^31
        assertRejected("30 0d 02 09 00 ff ff ff ff ff ff ff ff 42 00"); // nine-byte integer
        assertRejected("30 04 02 00 42 00"); // zero-length integer
    }

    @Test
    void abandonIdOutOfRange() {
        assertRejected("30 06 02 01 06 50 01 ff");
        assertRejected("30 0a 02 01 06 50 05 00 80 00 00 00");
    }

    @Test
    void unknownProtocolOpTag() {
        assertRejected("30 05 02 01 03 41 00"); // [APPLICATION 1] primitive
        assertRejected("30 05 02 01 03 7a 00"); // [APPLICATION 26]
        assertRejected("30 05 02 01 03 45 00"); // [APPLICATION 5] primitive
        assertRejected("30 05 02 01 03 05 00"); // NULL
        assertRejected("30 05 02 01 03 82 00"); // context tag
    }

    @Test
    void bindVersionOutOfRange() {
        assertRejected("30 0c 02 01 01 60 07 02 01 00 04 00 80 00"); // 0
        assertRejected("30 0d 02 01 01 60 08 02 02 00 80 04 00 80 00"); // 128
        assertRejected("30 0c 02 01 01 60 07 02 01 ff 04 00 80 00"); // -1
    }

    @Test
    void malformedSaslCredentials() {
        assertRejected("30 0c 02 01 01 60 07 02 01 03 04 00 a3 00"); // no mechanism
        assertRejected("30 13 02 01 01 60 0e 02 01 03 04 00 a3 07 04 01 58 04 00 04 00"); // two credentials
    }

    @Test
    void wrongBooleanAndNullLengths() {
        assertRejected("30 0f 02 01 05 6c 0a 04 01 61 04 01 62 01 02 ff ff"); // 2-byte boolean
        assertRejected("30 0d 02 01 05 6c 08 04 01 61 04 01 62 01 00"); // 0-byte boolean
        assertRejected("30 06 02 01 03 42 01 00"); // unbind NULL with content
    }

    @Test
    void filterNestedTenThousandDeep() {
        for (int tag : new int[] {LdapTags.FILTER_NOT, LdapTags.FILTER_AND, LdapTags.FILTER_OR}) {
            BerWriter w = new BerWriter();
            w.begin(BerTags.SEQUENCE)
                    .integer(1)
                    .begin(LdapTags.SEARCH_REQUEST)
                    .string("")
                    .enumerated(0)
                    .enumerated(0)
                    .integer(0)
                    .integer(0)
                    .bool(false);
            for (int i = 0; i < 10_000; i++) {
                w.begin(tag);
            }
            w.string(LdapTags.FILTER_PRESENT, "cn");
            for (int i = 0; i < 10_000; i++) {
                w.end();
            }
            w.begin(BerTags.SEQUENCE).end().end().end();
            byte[] pdu = w.toByteArray();
            assertThatThrownBy(() -> LdapDecoder.decode(pdu))
                    .isInstanceOf(BerException.class)
                    .hasMessageContaining("deeper");
        }
    }

    @Test
    void filterNestedOneMoreThanTheLimit() throws BerException {
        byte[] ok = search(FilterCodecTest.chain(0, Filter.MAX_DEPTH));
        assertThat(LdapDecoder.decode(ok).op()).isInstanceOf(SearchRequest.class);
        assertRejected(search(FilterCodecTest.chain(0, Filter.MAX_DEPTH + 1)));
    }

    private static byte[] search(Filter f) {
        return LdapEncoder.encode(new LdapMessage(
                1, new SearchRequest("", SearchScope.BASE, DerefAliases.NEVER, 0, 0, false, f, List.of())));
    }

    /** A search request for "" with the given filter bytes, built by hand. */
    private static byte[] searchWithFilter(String filterHex) {
        byte[] filter = Codec.hex(filterHex);
        BerWriter w = new BerWriter();
        w.begin(BerTags.SEQUENCE)
                .integer(1)
                .begin(LdapTags.SEARCH_REQUEST)
                .string("")
                .enumerated(0)
                .enumerated(0)
                .integer(0)
                .integer(0)
                .bool(false)
                .raw(filter, 0, filter.length)
                .begin(BerTags.SEQUENCE)
                .end()
                .end()
                .end();
        return w.toByteArray();
    }

    @Test
    void searchWithFilterHelperBuildsValidPdus() throws BerException {
        SearchRequest s = (SearchRequest)
                LdapDecoder.decode(searchWithFilter("87 02 63 6e")).op();
        assertThat(s.filter()).isEqualTo(new Filter.Present("cn"));
    }

    @Test
    void substringFilterWithoutParts() {
        assertRejected(searchWithFilter("a4 06 04 02 63 6e 30 00"));
    }

    @Test
    void substringPartsOutOfOrder() {
        assertRejected(searchWithFilter("a4 0c 04 02 63 6e 30 06 81 01 61 80 01 62")); // initial after any
        assertRejected(searchWithFilter("a4 0c 04 02 63 6e 30 06 80 01 61 80 01 62")); // two initials
        assertRejected(searchWithFilter("a4 0c 04 02 63 6e 30 06 82 01 61 81 01 62")); // any after final
        assertRejected(searchWithFilter("a4 0c 04 02 63 6e 30 06 82 01 61 82 01 62")); // two finals
        assertRejected(searchWithFilter("a4 0c 04 02 63 6e 30 06 82 01 61 80 01 62")); // initial after final
        assertRejected(searchWithFilter("a4 09 04 02 63 6e 30 03 83 01 61")); // unknown choice [3]
        assertRejected(searchWithFilter("a4 09 04 02 63 6e 30 03 a0 01 61")); // constructed [0]
        assertRejected(searchWithFilter("a4 0b 04 02 63 6e 30 03 80 01 61 04 00")); // element after the sequence
    }

    @Test
    void substringPartsInOrderAreAccepted() throws BerException {
        SearchRequest s = (SearchRequest)
                LdapDecoder.decode(searchWithFilter("a4 0f 04 02 63 6e 30 09 80 01 61 81 01 62 82 01 63"))
                        .op();
        Filter.Substrings sub = (Filter.Substrings) s.filter();
        assertThat(sub.initial()).containsExactly('a');
        assertThat(sub.any()).singleElement().satisfies(b -> assertThat(b).containsExactly('b'));
        assertThat(sub.fin()).containsExactly('c');
    }

    @Test
    void malformedFilters() {
        assertRejected(searchWithFilter("a9 03 83 01 78")); // extensible with neither rule nor type
        assertRejected(searchWithFilter("a9 07 81 02 31 2e 84 01 ff")); // extensible without matchValue
        assertRejected(searchWithFilter("a9 0a 81 02 31 2e 83 01 78 85 01 ff")); // extensible [5]
        assertRejected(searchWithFilter("a9 0a 83 01 78 81 02 31 2e 84 01 ff")); // rule after value
        assertRejected(searchWithFilter("aa 00")); // unknown filter choice [10]
        assertRejected(searchWithFilter("80 00")); // [0] primitive is not and
        assertRejected(searchWithFilter("a7 02 63 6e")); // present must be primitive
        assertRejected(searchWithFilter("a2 00")); // not without a filter
        assertRejected(searchWithFilter("a2 08 87 02 63 6e 87 02 73 6e")); // not with two filters
        assertRejected(searchWithFilter("a3 04 04 02 63 6e")); // equality without a value
        assertRejected(searchWithFilter("a3 09 04 02 63 6e 04 01 78 04 00")); // equality with three elements
        assertRejected(searchWithFilter("a0 03 87 01")); // and's length swallows the attributes' tag
        assertRejected(searchWithFilter("a3 07 04 02 c3 28 04 01 78")); // attribute not UTF-8
    }

    @Test
    void invalidUtf8() throws BerException {
        assertRejected("30 07 02 01 04 4a 02 c3 28"); // bad continuation byte
        assertRejected("30 07 02 01 04 4a 02 c0 80"); // overlong NUL
        assertRejected("30 08 02 01 04 4a 03 ed a0 80"); // UTF-16 surrogate
        assertRejected("30 06 02 01 04 4a 01 ff");
        assertRejected("30 07 02 01 04 4a 02 e2 82"); // truncated sequence
        assertRejected("30 09 02 01 04 4a 04 f4 90 80 80"); // beyond U+10FFFF
        // the same bytes are fine where the value is an octet string: compare's assertion value
        String compare = "30 10 02 01 01 6e 0b 04 00 30 07 04 01 61 04 02 c3 28";
        assertThat(hex(LdapEncoder.encode(new LdapMessage(1, new CompareRequest("", "a", Codec.hex("c3 28"))))))
                .isEqualTo(compare);
        assertThat(((CompareRequest) LdapDecoder.decode(Codec.hex(compare)).op()).value())
                .containsExactly(0xc3, 0x28);
    }

    @Test
    void invalidUtf8InEveryStringField() {
        // one PDU per kind of string field, each holding the single byte ff
        assertRejected("30 0d 02 01 01 60 08 02 01 03 04 01 ff 80 00"); // bind name
        assertRejected("30 10 02 01 01 68 0b 04 00 30 07 30 05 04 01 ff 31 00"); // attribute type
        assertRejected(searchWithFilter("87 01 ff")); // present attribute
        assertRejected("30 0a 02 01 01 73 05 04 01 ff 04 00"); // referral URI
        assertRejected("30 0c 02 01 01 42 00 a0 05 30 03 04 01 ff"); // control OID
        assertRejected("30 0d 02 01 01 6b 08 0a 01 00 04 01 ff 04 00"); // matched DN
        assertRejected("30 0a 02 01 01 77 05 80 03 31 2e ff"); // extended request name
    }

    @Test
    void enumeratedValuesOutOfRange() {
        assertRejected(searchWithScope(4));
        assertRejected(searchWithScope(-1));
        assertRejected(searchWithScope(256));
        assertRejected(searchWithDeref(4));
        assertRejected(searchWithDeref(-1));
        // modify operation 4
        assertRejected("30 1d 02 01 03 66 18 04 04 63 6e 3d 61 30 10 30 0e 0a 01 04 30 09 04 02 73 6e 31 03 04 01 78");
    }

    @Test
    void everyScopeFromZeroToThreeIsAccepted() throws BerException {
        for (int scope = 0; scope <= 3; scope++) {
            SearchRequest s =
                    (SearchRequest) LdapDecoder.decode(searchWithScope(scope)).op();
            assertThat(s.scope()).isEqualTo(SearchScope.values()[scope]);
        }
    }

    private static byte[] searchWithScope(int scope) {
        BerWriter w = new BerWriter();
        w.begin(BerTags.SEQUENCE)
                .integer(1)
                .begin(LdapTags.SEARCH_REQUEST)
                .string("")
                .enumerated(scope)
                .enumerated(0)
                .integer(0)
                .integer(0)
                .bool(false)
                .string(LdapTags.FILTER_PRESENT, "cn")
                .begin(BerTags.SEQUENCE)
                .end()
                .end()
                .end();
        return w.toByteArray();
    }

    private static byte[] searchWithDeref(int deref) {
        BerWriter w = new BerWriter();
        w.begin(BerTags.SEQUENCE)
                .integer(1)
                .begin(LdapTags.SEARCH_REQUEST)
                .string("")
                .enumerated(0)
                .enumerated(deref)
                .integer(0)
                .integer(0)
                .bool(false)
                .string(LdapTags.FILTER_PRESENT, "cn")
                .begin(BerTags.SEQUENCE)
                .end()
                .end()
                .end();
        return w.toByteArray();
    }

    @Test
    void negativeSearchLimits() {
        byte[] ok = searchWithScope(0);
        // size limit: the first "02 01 00" after the two enumerations
        String hex = hex(ok);
        assertRejected(hex.replaceFirst("0a 01 00 0a 01 00 02 01 00", "0a 01 00 0a 01 00 02 01 ff"));
        assertRejected(hex.replaceFirst("02 01 00 01 01 00", "02 01 ff 01 01 00"));
    }
}
