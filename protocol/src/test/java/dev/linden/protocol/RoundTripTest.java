package dev.linden.protocol;

import static dev.linden.protocol.Codec.ascii;
import static dev.linden.protocol.Codec.berLength;
import static dev.linden.protocol.Codec.bytes;
import static dev.linden.protocol.Codec.hex;
import static dev.linden.protocol.Codec.roundTrip;
import static dev.linden.protocol.Codec.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** encode, decode, encode: identical bytes, and the decoded records equal the originals. */
class RoundTripTest {
    /** Lengths that need one, two and three length octets, on both sides of each boundary. */
    static final int[] SIZES = {0, 1, 127, 128, 255, 256, 65535, 65536, 70000};

    static final int[] INTS = {0, 1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 8388607, 8388608, Integer.MAX_VALUE
    };

    static final Control CRITICAL = new Control("1.2.840.113556.1.4.319", true, Codec.hex("30 05 02 01 0a 04 00"));
    static final Control PLAIN = new Control("2.16.840.1.113730.3.4.2", false, null);
    static final Control EMPTY_VALUE = new Control("1.3.6.1.4.1.4203.1.10.1", false, new byte[0]);

    static final LdapResult FULL_RESULT = new LdapResult(
            ResultCode.REFERRAL,
            "dc=example,dc=com",
            "go elsewhere: ünïcödé ✓",
            List.of("ldap://a.example.com/dc=example,dc=com", "ldap://b.example.com/"));

    static IntStream sizes() {
        return IntStream.of(SIZES);
    }

    static IntStream ints() {
        return IntStream.of(INTS);
    }

    static LdapMessage msg(ProtocolOp op) {
        return new LdapMessage(7, op);
    }

    /** One or more examples of every protocol operation, with and without each optional field. */
    static Stream<Arguments> everyOp() {
        Filter f = new Filter.Equality("uid", utf8("jdoe"));
        return Stream.of(
                        BindRequest.simple("", new byte[0]),
                        BindRequest.simple("cn=Directory Manager", utf8("secret")),
                        new BindRequest(1, "cn=v1", utf8("x"), null, null),
                        new BindRequest(127, "cn=v127", utf8("x"), null, null),
                        BindRequest.sasl("", "EXTERNAL", null),
                        BindRequest.sasl("", "PLAIN", utf8("\0user\0pass")),
                        BindRequest.sasl("", "GSSAPI", new byte[0]),
                        new BindResponse(LdapResult.success(), null),
                        new BindResponse(LdapResult.of(ResultCode.SASL_BIND_IN_PROGRESS, ""), bytes(40)),
                        new BindResponse(FULL_RESULT, new byte[0]),
                        new UnbindRequest(),
                        new SearchRequest(
                                "dc=example,dc=com",
                                SearchScope.SUB,
                                DerefAliases.NEVER,
                                0,
                                0,
                                false,
                                new Filter.Present("objectClass"),
                                List.of()),
                        new SearchRequest(
                                "",
                                SearchScope.BASE,
                                DerefAliases.ALWAYS,
                                1,
                                30,
                                true,
                                f,
                                List.of("cn", "mail", "+", "*", "1.1")),
                        new SearchRequest(
                                "ou=people", SearchScope.ONE, DerefAliases.IN_SEARCHING, 500, 0, false, f, List.of()),
                        new SearchRequest(
                                "ou=people",
                                SearchScope.SUBORDINATES,
                                DerefAliases.FINDING_BASE,
                                0,
                                10,
                                false,
                                f,
                                List.of("cn")),
                        new SearchResultEntry("cn=a,dc=example", List.of()),
                        new SearchResultEntry(
                                "cn=a,dc=example",
                                List.of(
                                        new PartialAttribute("cn", List.of(utf8("a"), utf8("A"))),
                                        new PartialAttribute("objectClass", List.of(utf8("top"), utf8("person"))),
                                        new PartialAttribute("jpegPhoto", List.of(bytes(300))),
                                        new PartialAttribute("emptyForTypesOnly", List.of()))),
                        new SearchResultDone(LdapResult.success()),
                        new SearchResultDone(FULL_RESULT),
                        new SearchResultReference(List.of("ldap://other.example.com/dc=example,dc=com??sub")),
                        new SearchResultReference(List.of("ldap://a/", "ldap://b/", "ldaps://c/")),
                        new ModifyRequest("cn=a,dc=example", List.of()),
                        new ModifyRequest(
                                "cn=a,dc=example",
                                List.of(
                                        new Modification(
                                                ModOp.ADD,
                                                new PartialAttribute("mail", List.of(utf8("a@example.com")))),
                                        new Modification(ModOp.DELETE, new PartialAttribute("description", List.of())),
                                        new Modification(
                                                ModOp.REPLACE,
                                                new PartialAttribute("sn", List.of(utf8("x"), utf8("y")))),
                                        new Modification(
                                                ModOp.INCREMENT,
                                                new PartialAttribute("uidNumber", List.of(utf8("-1")))))),
                        new ModifyResponse(LdapResult.of(ResultCode.NO_SUCH_OBJECT, "no such entry")),
                        new AddRequest(
                                "cn=new,dc=example",
                                List.of(
                                        new PartialAttribute("objectClass", List.of(utf8("top"), utf8("device"))),
                                        new PartialAttribute("cn", List.of(utf8("new"))))),
                        new AddRequest("cn=empty", List.of()),
                        new AddResponse(LdapResult.of(ResultCode.ENTRY_ALREADY_EXISTS, "exists")),
                        new DeleteRequest("cn=old,dc=example"),
                        new DeleteRequest(""),
                        new DeleteRequest("cn=Lučić,dc=例え,dc=com"),
                        new DeleteResponse(FULL_RESULT),
                        new ModifyDnRequest("cn=a,ou=x", "cn=b", true, null),
                        new ModifyDnRequest("cn=a,ou=x", "cn=b+sn=c", false, "ou=y,dc=example"),
                        new ModifyDnRequest("cn=a,ou=x", "cn=a", false, ""),
                        new ModifyDnResponse(LdapResult.of(ResultCode.NOT_ALLOWED_ON_NON_LEAF, "")),
                        new CompareRequest("cn=a", "userPassword", utf8("secret")),
                        new CompareRequest("cn=a", "description", new byte[0]),
                        new CompareResponse(LdapResult.of(ResultCode.COMPARE_TRUE, "")),
                        new CompareResponse(LdapResult.of(ResultCode.COMPARE_FALSE, "")),
                        new AbandonRequest(0),
                        new AbandonRequest(5),
                        new ExtendedRequest("1.3.6.1.4.1.1466.20037", null),
                        new ExtendedRequest("1.3.6.1.4.1.4203.1.11.1", Codec.hex("30 00")),
                        new ExtendedRequest("1.3.6.1.4.1.4203.1.11.3", new byte[0]),
                        new ExtendedResponse(LdapResult.success(), null, null),
                        new ExtendedResponse(LdapResult.success(), "1.3.6.1.4.1.1466.20037", null),
                        new ExtendedResponse(LdapResult.success(), null, utf8("dn:cn=me")),
                        new ExtendedResponse(FULL_RESULT, LdapTags.NOTICE_OF_DISCONNECTION, new byte[0]),
                        new IntermediateResponse(null, null),
                        new IntermediateResponse("1.3.6.1.4.1.4203.1.9.1.4", null),
                        new IntermediateResponse(null, bytes(10)),
                        new IntermediateResponse("1.3.6.1.4.1.4203.1.9.1.4", bytes(200)))
                .map(op -> Arguments.of(op.getClass().getSimpleName(), op));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("everyOp")
    void everyOpRoundTripsWithoutControls(String type, ProtocolOp op) throws BerException {
        LdapMessage decoded = roundTrip(msg(op));
        assertThat(decoded.op()).isInstanceOf(op.getClass());
        assertThat(decoded.controls()).isEmpty();
        assertThat(decoded.messageId()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("everyOp")
    void everyOpRoundTripsWithControls(String type, ProtocolOp op) throws BerException {
        LdapMessage decoded = roundTrip(new LdapMessage(9, op, List.of(CRITICAL, PLAIN, EMPTY_VALUE)));
        assertThat(decoded.controls()).hasSize(3);
        assertThat(decoded.controls().get(0).critical()).isTrue();
        assertThat(decoded.controls().get(0).value()).containsExactly(CRITICAL.value());
        assertThat(decoded.controls().get(1).value()).isNull();
        assertThat(decoded.controls().get(2).value()).isEmpty();
    }

    @Test
    void everyProtocolOpTypeIsCovered() {
        List<Class<?>> covered =
                everyOp().<Class<?>>map(a -> a.get()[1].getClass()).distinct().toList();
        assertThat(covered).containsExactlyInAnyOrder(ProtocolOp.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("ints")
    void messageIdEdges(int id) throws BerException {
        LdapMessage decoded = roundTrip(new LdapMessage(id, new AbandonRequest(id)));
        assertThat(decoded.messageId()).isEqualTo(id);
        assertThat(((AbandonRequest) decoded.op()).idToAbandon()).isEqualTo(id);
    }

    @Test
    void integerEncodingsAreMinimalTwoComplement() {
        assertThat(hex(LdapEncoder.encode(new LdapMessage(0, new AbandonRequest(0)))))
                .isEqualTo("30 06 02 01 00 50 01 00");
        assertThat(hex(LdapEncoder.encode(new LdapMessage(127, new AbandonRequest(128)))))
                .isEqualTo("30 07 02 01 7f 50 02 00 80");
        assertThat(hex(LdapEncoder.encode(new LdapMessage(255, new AbandonRequest(256)))))
                .isEqualTo("30 08 02 02 00 ff 50 02 01 00");
        assertThat(hex(LdapEncoder.encode(new LdapMessage(Integer.MAX_VALUE, new AbandonRequest(65536)))))
                .isEqualTo("30 0b 02 04 7f ff ff ff 50 03 01 00 00");
    }

    @ParameterizedTest
    @MethodSource("ints")
    void searchLimitsAtTheEdges(int limit) throws BerException {
        SearchRequest s = new SearchRequest(
                "", SearchScope.BASE, DerefAliases.NEVER, limit, limit, false, new Filter.Present("cn"), List.of());
        SearchRequest decoded = (SearchRequest) roundTrip(msg(s)).op();
        assertThat(decoded.sizeLimit()).isEqualTo(limit);
        assertThat(decoded.timeLimit()).isEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 63, 64, 126, 127})
    void bindVersions(int version) throws BerException {
        BindRequest decoded = (BindRequest) roundTrip(msg(new BindRequest(version, "", new byte[0], null, null)))
                .op();
        assertThat(decoded.version()).isEqualTo(version);
    }

    @ParameterizedTest
    @EnumSource(ResultCode.class)
    void everyResultCode(ResultCode code) throws BerException {
        LdapResult result = new LdapResult(code, "dc=x", "msg", List.of());
        for (ProtocolOp op : List.of(
                new BindResponse(result, null),
                new SearchResultDone(result),
                new ModifyResponse(result),
                new AddResponse(result),
                new DeleteResponse(result),
                new ModifyDnResponse(result),
                new CompareResponse(result),
                new ExtendedResponse(result, null, null))) {
            ResultResponse decoded = (ResultResponse) roundTrip(msg(op)).op();
            assertThat(decoded.result().code()).isEqualTo(code);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void octetStringValuesOfEverySize(int n) throws BerException {
        byte[] v = bytes(n);
        BindRequest bind =
                (BindRequest) roundTrip(msg(BindRequest.simple("cn=a", v))).op();
        assertThat(bind.simplePassword()).containsExactly(v);
        BindRequest sasl =
                (BindRequest) roundTrip(msg(BindRequest.sasl("", "X", v))).op();
        assertThat(sasl.saslCredentials()).containsExactly(v);
        CompareRequest cmp = (CompareRequest)
                roundTrip(msg(new CompareRequest("cn=a", "photo", v))).op();
        assertThat(cmp.value()).containsExactly(v);
        ExtendedRequest ext = (ExtendedRequest)
                roundTrip(msg(new ExtendedRequest("1.2.3", v))).op();
        assertThat(ext.value()).containsExactly(v);
        SearchResultEntry e = (SearchResultEntry) roundTrip(msg(
                        new SearchResultEntry("cn=a", List.of(new PartialAttribute("jpegPhoto", List.of(v, v))))))
                .op();
        assertThat(e.attributes().get(0).values()).hasSize(2);
        assertThat(e.attributes().get(0).values().get(1)).containsExactly(v);
        LdapMessage controlled =
                roundTrip(new LdapMessage(1, new UnbindRequest(), List.of(new Control("1.2", true, v))));
        assertThat(controlled.controls().get(0).value()).containsExactly(v);
    }

    /**
     * A delete request's DN of n bytes, against bytes built by hand: the DN's own length and the
     * message's length both cross the one-, two- and three-octet length boundaries.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void lengthOctetsAreMinimalAndCorrect(int n) throws BerException {
        String dn = ascii(n);
        String body = "02 01 07 4a " + berLength(n) + " " + hex(utf8(dn));
        int bodyLength = 3 + 1 + berLength(n).length() / 2 + n;
        byte[] expected = Codec.hex("30 " + berLength(bodyLength) + " " + body);

        byte[] encoded = LdapEncoder.encode(msg(new DeleteRequest(dn)));
        assertThat(encoded).containsExactly(expected);
        assertThat(((DeleteRequest) LdapDecoder.decode(expected).op()).dn()).isEqualTo(dn);
    }

    @Test
    void lengthNeedingFourOctets() throws BerException {
        byte[] value = bytes(0x1000000); // 16 MiB: 0x84 and four length octets
        byte[] encoded = LdapEncoder.encode(msg(new CompareRequest("", "a", value)));
        assertThat(hex(java.util.Arrays.copyOf(encoded, 6))).isEqualTo("30 84 01 00 00 1a");
        CompareRequest decoded = (CompareRequest) LdapDecoder.decode(encoded).op();
        // compared without AssertJ's element-by-element machinery, which is slow on 16 MiB
        assertThat(java.util.Arrays.equals(decoded.value(), value)).isTrue();
        assertThat(java.util.Arrays.equals(LdapEncoder.encode(msg(decoded)), encoded))
                .isTrue();
    }

    @Test
    void lengthsOf127And128AreEncodedAsRequired() {
        // A 127-byte value: short form; 128: 0x81 0x80; 255: 0x81 0xff; 256: 0x82 0x01 0x00; 70000: 0x83 01 11 70
        assertThat(hex(LdapEncoder.encode(msg(new DeleteRequest(ascii(127))))))
                .startsWith("30 81 84 02 01 07 4a 7f 61");
        assertThat(hex(LdapEncoder.encode(msg(new DeleteRequest(ascii(128))))))
                .startsWith("30 81 86 02 01 07 4a 81 80 61");
        assertThat(hex(LdapEncoder.encode(msg(new DeleteRequest(ascii(255))))))
                .startsWith("30 82 01 05 02 01 07 4a 81 ff");
        assertThat(hex(LdapEncoder.encode(msg(new DeleteRequest(ascii(256))))))
                .startsWith("30 82 01 07 02 01 07 4a 82 01 00");
        assertThat(hex(LdapEncoder.encode(msg(new DeleteRequest(ascii(70000))))))
                .startsWith("30 83 01 11 78 02 01 07 4a 83 01 11 70");
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void manyElementsMakeLongConstructedLengths(int n) throws BerException {
        List<String> attrs = new ArrayList<>();
        for (int i = 0; i < n / 8; i++) {
            attrs.add("attr" + i);
        }
        SearchRequest s = new SearchRequest(
                "dc=x", SearchScope.SUB, DerefAliases.NEVER, 0, 0, false, new Filter.Present("cn"), attrs);
        assertThat(((SearchRequest) roundTrip(msg(s)).op()).attributes()).containsExactlyElementsOf(attrs);
        List<String> uris = attrs.stream().map(a -> "ldap://" + a + "/").toList();
        if (!uris.isEmpty()) {
            assertThat(((SearchResultReference) roundTrip(msg(new SearchResultReference(uris)))
                                    .op())
                            .uris())
                    .containsExactlyElementsOf(uris);
        }
    }

    @Test
    void searchResultEntryWithPreEncodedAttributesEncodesLikeTheRecords() throws BerException {
        List<PartialAttribute> attributes = List.of(
                new PartialAttribute("cn", List.of(utf8("a"))), new PartialAttribute("photo", List.of(bytes(300))));
        byte[] fromRecords = LdapEncoder.encode(msg(new SearchResultEntry("cn=a", attributes)));
        java.io.ByteArrayOutputStream contents = new java.io.ByteArrayOutputStream();
        for (PartialAttribute a : attributes) {
            contents.writeBytes(LdapEncoder.partialAttribute(a));
        }
        byte[] fromEncoded = LdapEncoder.encode(msg(new SearchResultEntry("cn=a", null, contents.toByteArray())));
        assertThat(fromEncoded).containsExactly(fromRecords);
        SearchResultEntry decoded =
                (SearchResultEntry) LdapDecoder.decode(fromEncoded).op();
        assertThat(decoded.encodedAttributes()).isNull();
        Codec.assertDeepEquals(decoded, new SearchResultEntry("cn=a", attributes));
    }

    @Test
    void controlCriticalityFalseIsOmittedAndDecodesAsFalse() throws BerException {
        LdapMessage m = new LdapMessage(1, new UnbindRequest(), List.of(new Control("1.2", false, null)));
        assertThat(hex(LdapEncoder.encode(m))).isEqualTo("30 0e 02 01 01 42 00 a0 07 30 05 04 03 31 2e 32");
        // an explicit FALSE is legal BER from a peer and decodes the same
        LdapMessage explicit =
                LdapDecoder.decode(Codec.hex("30 11 02 01 01 42 00 a0 0a 30 08 04 03 31 2e 32 01 01 00"));
        Codec.assertDeepEquals(explicit, m);
    }

    @Test
    void unicodeStringsRoundTrip() throws BerException {
        String dn = "cn=Émile Zoë 😀,o=Åbo,c=FI";
        ModifyDnRequest decoded = (ModifyDnRequest)
                roundTrip(msg(new ModifyDnRequest(dn, "cn=✓", true, "o=ø"))).op();
        assertThat(decoded.dn()).isEqualTo(dn);
        assertThat(decoded.newRdn()).isEqualTo("cn=✓");
        assertThat(decoded.newSuperior()).isEqualTo("o=ø");
        assertThat(decoded.deleteOldRdn()).isTrue();
    }

    @Test
    void optionalFieldsStayAbsent() throws BerException {
        ModifyDnRequest m = (ModifyDnRequest)
                roundTrip(msg(new ModifyDnRequest("cn=a", "cn=b", false, null))).op();
        assertThat(m.newSuperior()).isNull();
        ExtendedResponse x = (ExtendedResponse) roundTrip(msg(new ExtendedResponse(LdapResult.success(), null, null)))
                .op();
        assertThat(x.oid()).isNull();
        assertThat(x.value()).isNull();
        BindRequest sasl = (BindRequest)
                roundTrip(msg(BindRequest.sasl("", "EXTERNAL", null))).op();
        assertThat(sasl.isSimple()).isFalse();
        assertThat(sasl.simplePassword()).isNull();
        assertThat(sasl.saslCredentials()).isNull();
        BindResponse br = (BindResponse)
                roundTrip(msg(new BindResponse(LdapResult.success(), null))).op();
        assertThat(br.serverSaslCreds()).isNull();
        assertThat(br.result().referrals()).isEmpty();
    }

    @Test
    void deepComparisonCanFail() {
        // guards the helper every test here relies on
        assertThatThrownBy(() -> Codec.assertDeepEquals(
                        new Filter.Equality("cn", utf8("a")), new Filter.GreaterOrEqual("cn", utf8("a"))))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Codec.assertDeepEquals(
                        new CompareRequest("cn=a", "x", utf8("a")), new CompareRequest("cn=a", "x", utf8("b"))))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> Codec.assertDeepEquals(
                        new ExtendedRequest("1.2", null), new ExtendedRequest("1.2", new byte[0])))
                .isInstanceOf(AssertionError.class);
        Codec.assertDeepEquals(new CompareRequest("cn=a", "x", utf8("a")), new CompareRequest("cn=a", "x", utf8("a")));
    }
}
