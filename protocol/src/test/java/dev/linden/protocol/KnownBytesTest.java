package dev.linden.protocol;

import static dev.linden.protocol.Codec.hex;
import static dev.linden.protocol.Codec.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PDUs written by hand from RFC 4511's ASN.1 (section 4 and appendix B), decoded field by field, and
 * the encoder must produce exactly the same bytes.
 */
class KnownBytesTest {

    /** Decodes {@code hex}, checks the encoder gives the same bytes back, returns the message. */
    private static LdapMessage both(String hex, LdapMessage expected) throws BerException {
        byte[] bytes = Codec.hex(hex);
        LdapMessage decoded = LdapDecoder.decode(bytes);
        assertThat(hex(LdapEncoder.encode(expected))).as("encoder output").isEqualTo(hex(bytes));
        Codec.assertDeepEquals(decoded, expected);
        return decoded;
    }

    @Test
    void anonymousSimpleBind() throws BerException {
        LdapMessage m = both("""
                30 0c                     -- LDAPMessage
                   02 01 01               -- messageID 1
                   60 07                  -- [APPLICATION 0] BindRequest
                      02 01 03            -- version 3
                      04 00               -- name ""
                      80 00               -- [0] simple ""
                """.replaceAll("--.*", ""), new LdapMessage(1, BindRequest.simple("", new byte[0])));
        BindRequest b = (BindRequest) m.op();
        assertThat(m.messageId()).isEqualTo(1);
        assertThat(b.version()).isEqualTo(3);
        assertThat(b.name()).isEmpty();
        assertThat(b.isSimple()).isTrue();
        assertThat(b.simplePassword()).isEmpty();
        assertThat(b.saslMechanism()).isNull();
        assertThat(m.controls()).isEmpty();
    }

    @Test
    void bindResponseSuccess() throws BerException {
        LdapMessage m =
                both("""
                30 0c 02 01 01
                   61 07                  -- [APPLICATION 1] BindResponse
                      0a 01 00            -- resultCode success
                      04 00 04 00         -- matchedDN "", diagnosticMessage ""
                """.replaceAll("--.*", ""), new LdapMessage(1, new BindResponse(LdapResult.success(), null)));
        BindResponse r = (BindResponse) m.op();
        assertThat(r.result().code()).isEqualTo(ResultCode.SUCCESS);
        assertThat(r.result().matchedDn()).isEmpty();
        assertThat(r.result().diagnosticMessage()).isEmpty();
        assertThat(r.result().referrals()).isEmpty();
        assertThat(r.serverSaslCreds()).isNull();
    }

    @Test
    void unbind() throws BerException {
        LdapMessage m = both("30 05 02 01 03 42 00", new LdapMessage(3, new UnbindRequest()));
        assertThat(m.messageId()).isEqualTo(3);
        assertThat(m.op()).isInstanceOf(UnbindRequest.class);
    }

    @Test
    void abandon() throws BerException {
        LdapMessage m = both("30 06 02 01 06 50 01 05", new LdapMessage(6, new AbandonRequest(5)));
        assertThat(m.messageId()).isEqualTo(6);
        assertThat(((AbandonRequest) m.op()).idToAbandon()).isEqualTo(5);
    }

    @Test
    void deleteRequest() throws BerException {
        LdapMessage m = both(
                "30 0f 02 01 04 4a 0a 64 63 3d 65 78 61 6d 70 6c 65", // "dc=example"
                new LdapMessage(4, new DeleteRequest("dc=example")));
        assertThat(((DeleteRequest) m.op()).dn()).isEqualTo("dc=example");
    }

    @Test
    void deleteRequestWithManageDsaItControl() throws BerException {
        LdapMessage m = both(
                """
                30 29 02 01 05
                   4a 04 63 6e 3d 78                          -- DelRequest "cn=x"
                   a0 1e                                      -- [0] controls
                      30 1c
                         04 17 32 2e 31 36 2e 38 34 30 2e 31 2e 31 31 33 37 33 30 2e 33 2e 34 2e 32
                         01 01 ff                             -- criticality TRUE
                """.replaceAll("--.*", ""),
                new LdapMessage(
                        5, new DeleteRequest("cn=x"), List.of(new Control("2.16.840.1.113730.3.4.2", true, null))));
        assertThat(m.controls()).hasSize(1);
        Control c = m.controls().get(0);
        assertThat(c.oid()).isEqualTo("2.16.840.1.113730.3.4.2");
        assertThat(c.critical()).isTrue();
        assertThat(c.value()).isNull();
    }

    @Test
    void searchRequestWithPresentFilter() throws BerException {
        LdapMessage m = both(
                """
                30 2f 02 01 02
                   63 2a                                      -- [APPLICATION 3] SearchRequest
                      04 0a 64 63 3d 65 78 61 6d 70 6c 65     -- baseObject "dc=example"
                      0a 01 02                                -- scope wholeSubtree
                      0a 01 00                                -- derefAliases neverDerefAliases
                      02 01 00 02 01 00                       -- sizeLimit 0, timeLimit 0
                      01 01 00                                -- typesOnly FALSE
                      87 0b 6f 62 6a 65 63 74 43 6c 61 73 73  -- [7] present "objectClass"
                      30 00                                   -- attributes: none
                """.replaceAll("--.*", ""),
                new LdapMessage(
                        2,
                        new SearchRequest(
                                "dc=example",
                                SearchScope.SUB,
                                DerefAliases.NEVER,
                                0,
                                0,
                                false,
                                new Filter.Present("objectClass"),
                                List.of())));
        SearchRequest s = (SearchRequest) m.op();
        assertThat(s.baseDn()).isEqualTo("dc=example");
        assertThat(s.scope()).isEqualTo(SearchScope.SUB);
        assertThat(s.derefAliases()).isEqualTo(DerefAliases.NEVER);
        assertThat(s.sizeLimit()).isZero();
        assertThat(s.timeLimit()).isZero();
        assertThat(s.typesOnly()).isFalse();
        assertThat(s.filter()).isEqualTo(new Filter.Present("objectClass"));
        assertThat(s.attributes()).isEmpty();
    }

    @Test
    void searchResultEntry() throws BerException {
        LdapMessage m = both(
                """
                30 1b 02 01 02
                   64 16 04 04 63 6e 3d 61                    -- SearchResultEntry "cn=a"
                      30 0e 30 0c 04 02 63 6e                 -- attributes: cn
                         31 06 04 01 61 04 01 62              -- SET { "a", "b" }
                """.replaceAll("--.*", ""),
                new LdapMessage(
                        2,
                        new SearchResultEntry(
                                "cn=a", List.of(new PartialAttribute("cn", List.of(utf8("a"), utf8("b")))))));
        SearchResultEntry e = (SearchResultEntry) m.op();
        assertThat(e.dn()).isEqualTo("cn=a");
        assertThat(e.attributes()).hasSize(1);
        assertThat(e.attributes().get(0).type()).isEqualTo("cn");
        assertThat(e.attributes().get(0).values())
                .satisfiesExactly(
                        v -> assertThat(v).containsExactly('a'),
                        v -> assertThat(v).containsExactly('b'));
    }

    @Test
    void searchResultDoneNoSuchObject() throws BerException {
        LdapMessage m = both(
                """
                30 1d 02 01 02
                   65 18 0a 01 20                             -- SearchResultDone noSuchObject (32)
                      04 0a 64 63 3d 65 78 61 6d 70 6c 65     -- matchedDN "dc=example"
                      04 07 6e 6f 20 73 75 63 68              -- "no such"
                """.replaceAll("--.*", ""),
                new LdapMessage(
                        2,
                        new SearchResultDone(
                                new LdapResult(ResultCode.NO_SUCH_OBJECT, "dc=example", "no such", List.of()))));
        LdapResult r = ((SearchResultDone) m.op()).result();
        assertThat(r.code()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
        assertThat(r.matchedDn()).isEqualTo("dc=example");
        assertThat(r.diagnosticMessage()).isEqualTo("no such");
    }

    @Test
    void modifyReplace() throws BerException {
        LdapMessage m = both(
                """
                30 1d 02 01 03
                   66 18 04 04 63 6e 3d 61                    -- ModifyRequest "cn=a"
                      30 10 30 0e 0a 01 02                    -- change: replace
                         30 09 04 02 73 6e 31 03 04 01 78     -- sn: { "x" }
                """.replaceAll("--.*", ""),
                new LdapMessage(
                        3,
                        new ModifyRequest(
                                "cn=a",
                                List.of(new Modification(
                                        ModOp.REPLACE, new PartialAttribute("sn", List.of(utf8("x"))))))));
        ModifyRequest mod = (ModifyRequest) m.op();
        assertThat(mod.dn()).isEqualTo("cn=a");
        assertThat(mod.changes()).hasSize(1);
        assertThat(mod.changes().get(0).op()).isEqualTo(ModOp.REPLACE);
        assertThat(mod.changes().get(0).attribute().type()).isEqualTo("sn");
    }

    @Test
    void addRequest() throws BerException {
        LdapMessage m = both(
                "30 18 02 01 06 68 13 04 04 63 6e 3d 61 30 0b 30 09 04 02 63 6e 31 03 04 01 61",
                new LdapMessage(6, new AddRequest("cn=a", List.of(new PartialAttribute("cn", List.of(utf8("a")))))));
        AddRequest a = (AddRequest) m.op();
        assertThat(a.dn()).isEqualTo("cn=a");
        assertThat(a.attributes().get(0).values().get(0)).containsExactly('a');
    }

    @Test
    void compareRequest() throws BerException {
        LdapMessage m = both(
                "30 14 02 01 04 6e 0f 04 04 63 6e 3d 61 30 07 04 02 73 6e 04 01 78",
                new LdapMessage(4, new CompareRequest("cn=a", "sn", utf8("x"))));
        CompareRequest c = (CompareRequest) m.op();
        assertThat(c.dn()).isEqualTo("cn=a");
        assertThat(c.attribute()).isEqualTo("sn");
        assertThat(c.value()).containsExactly('x');
    }

    @Test
    void modifyDnWithNewSuperior() throws BerException {
        LdapMessage m =
                both("""
                30 19 02 01 05
                   6c 14 04 04 63 6e 3d 61 04 04 63 6e 3d 62  -- entry "cn=a", newrdn "cn=b"
                      01 01 ff                                -- deleteoldrdn TRUE
                      80 03 6f 3d 78                          -- [0] newSuperior "o=x"
                """.replaceAll("--.*", ""), new LdapMessage(5, new ModifyDnRequest("cn=a", "cn=b", true, "o=x")));
        ModifyDnRequest r = (ModifyDnRequest) m.op();
        assertThat(r.newRdn()).isEqualTo("cn=b");
        assertThat(r.deleteOldRdn()).isTrue();
        assertThat(r.newSuperior()).isEqualTo("o=x");
    }

    @Test
    void startTlsExtendedRequest() throws BerException {
        LdapMessage m = both(
                """
                30 1d 02 01 01
                   77 18 80 16                                -- ExtendedRequest, [0] requestName
                      31 2e 33 2e 36 2e 31 2e 34 2e 31 2e 31 34 36 36 2e 32 30 30 33 37
                """.replaceAll("--.*", ""), new LdapMessage(1, new ExtendedRequest("1.3.6.1.4.1.1466.20037", null)));
        ExtendedRequest x = (ExtendedRequest) m.op();
        assertThat(x.oid()).isEqualTo("1.3.6.1.4.1.1466.20037");
        assertThat(x.value()).isNull();
    }

    @Test
    void noticeOfDisconnection() throws BerException {
        LdapMessage m = both(
                """
                30 27 02 01 00                                -- messageID 0: unsolicited
                   78 22 0a 01 02 04 00 04 03 62 61 64        -- protocolError, "", "bad"
                      8a 16                                   -- [10] responseName
                      31 2e 33 2e 36 2e 31 2e 34 2e 31 2e 31 34 36 36 2e 32 30 30 33 36
                """.replaceAll("--.*", ""),
                new LdapMessage(
                        0,
                        new ExtendedResponse(
                                LdapResult.of(ResultCode.PROTOCOL_ERROR, "bad"),
                                LdapTags.NOTICE_OF_DISCONNECTION,
                                null)));
        ExtendedResponse x = (ExtendedResponse) m.op();
        assertThat(m.messageId()).isZero();
        assertThat(x.result().code()).isEqualTo(ResultCode.PROTOCOL_ERROR);
        assertThat(x.oid()).isEqualTo(LdapTags.NOTICE_OF_DISCONNECTION);
        assertThat(x.value()).isNull();
    }

    @Test
    void unknownResultCodeDecodesAsOther() throws BerException {
        // resultCode 4242 and -1 are not known: both read as other (80)
        LdapMessage big = LdapDecoder.decode(Codec.hex("30 0d 02 01 01 6b 08 0a 02 10 92 04 00 04 00"));
        assertThat(((DeleteResponse) big.op()).result().code()).isEqualTo(ResultCode.OTHER);
        LdapMessage negative = LdapDecoder.decode(Codec.hex("30 0c 02 01 01 6b 07 0a 01 ff 04 00 04 00"));
        assertThat(((DeleteResponse) negative.op()).result().code()).isEqualTo(ResultCode.OTHER);
    }

    @Test
    void everyFuzzSeedIsAValidPdu() throws Exception {
        // the decoder fuzz test's seeds should reach past the outer checks: each one must decode,
        // except reproducers of past findings ("regression-*"), which are malformed on purpose
        java.nio.file.Path dir = java.nio.file.Path.of(
                getClass().getResource("LdapDecoderFuzzTestInputs/decode").toURI());
        try (var files = java.nio.file.Files.list(dir)) {
            List<java.nio.file.Path> seeds = files.filter(
                            f -> !f.getFileName().toString().startsWith("regression-"))
                    .toList();
            assertThat(seeds).hasSizeGreaterThan(10);
            for (java.nio.file.Path seed : seeds) {
                byte[] pdu = java.nio.file.Files.readAllBytes(seed);
                LdapMessage m = LdapDecoder.decode(pdu);
                assertThat(LdapEncoder.encode(m))
                        .as(seed.getFileName().toString())
                        .containsExactly(pdu);
            }
        }
    }

    @Test
    void laterVersionElementsAfterControlsAreIgnored() throws BerException {
        // RFC 4511 4.1.1: an element after the controls, added by a later version, is ignored
        LdapMessage m = LdapDecoder.decode(Codec.hex("30 0a 02 01 03 42 00 a0 00 81 01 00"));
        assertThat(m.op()).isInstanceOf(UnbindRequest.class);
        assertThat(m.controls()).isEmpty();
    }
}
