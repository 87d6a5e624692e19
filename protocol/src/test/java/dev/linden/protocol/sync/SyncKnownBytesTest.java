package dev.linden.protocol.sync;

import static dev.linden.protocol.Codec.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.Codec;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.op.IntermediateResponse;
import dev.linden.protocol.op.SearchResultDone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The RFC 4533 values written by hand from the ASN.1 of its section 2: each decodes to the expected
 * record and the record encodes to exactly these bytes (DER: a BOOLEAN equal to its DEFAULT is left
 * out). Explicit defaults, which slapd accepts, decode to the same record.
 */
class SyncKnownBytesTest {
    private static final String COOKIE = "rid=001,sid=002,csn=20261206124807.170433Z#000000#001#000000";
    private static final UUID UUID_A = UUID.fromString("3b2a3c5e-4f6a-103f-8f1e-b5b2f1e0a001");
    private static final String UUID_A_HEX = "3b 2a 3c 5e 4f 6a 10 3f 8f 1e b5 b2 f1 e0 a0 01";
    private static final UUID UUID_B = UUID.fromString("ffffffff-0000-0000-0000-000000000002");
    private static final String UUID_B_HEX = "ff ff ff ff 00 00 00 00 00 00 00 00 00 00 00 02";

    private static byte[] hex(String annotated) {
        return Codec.hex(annotated.replaceAll("--.*", ""));
    }

    private static String cookieHex() {
        return Codec.hex(utf8(COOKIE));
    }

    @Test
    void syncRequestRefreshOnlyWithNothingElse() throws BerException {
        byte[] value = hex("30 03 0a 01 01   -- SEQUENCE { mode refreshOnly }");
        SyncRequestControl expected = new SyncRequestControl(SyncMode.REFRESH_ONLY, null, false);
        assertThat(SyncRequestControl.decodeValue(value)).isEqualTo(expected);
        assertThat(expected.encodeValue()).containsExactly(value);
        Control control = expected.encode(true);
        assertThat(control.oid()).isEqualTo("1.3.6.1.4.1.4203.1.9.1.1");
        assertThat(control.critical()).isTrue();
        assertThat(SyncRequestControl.decode(control)).isEqualTo(expected);
    }

    @Test
    void syncRequestPersistWithCookieAndReloadHint() throws BerException {
        byte[] value = hex("30 " + Codec.berLength(3 + 2 + COOKIE.length() + 3) + """
                   0a 01 03                          -- mode refreshAndPersist
                   04 3c %s                          -- cookie
                   01 01 ff                          -- reloadHint TRUE
                """.formatted(cookieHex()));
        SyncRequestControl expected = new SyncRequestControl(SyncMode.REFRESH_AND_PERSIST, utf8(COOKIE), true);
        assertThat(SyncRequestControl.decodeValue(value)).isEqualTo(expected);
        assertThat(expected.encodeValue()).containsExactly(value);
    }

    @Test
    void syncRequestAcceptsAnExplicitDefaultAndAnyNonZeroTrue() throws BerException {
        assertThat(SyncRequestControl.decodeValue(hex("30 06 0a 01 01 01 01 00")))
                .isEqualTo(new SyncRequestControl(SyncMode.REFRESH_ONLY, null, false));
        assertThat(SyncRequestControl.decodeValue(hex("30 08 0a 01 01 04 00 01 01 01")))
                .isEqualTo(new SyncRequestControl(SyncMode.REFRESH_ONLY, new byte[0], true));
    }

    @Test
    void syncStateAddWithCookie() throws BerException {
        byte[] value =
                hex("30 " + Codec.berLength(3 + 18 + 2 + COOKIE.length()) + """
                   0a 01 01                          -- state add
                   04 10 %s                          -- entryUUID
                   04 3c %s                          -- cookie
                """.formatted(UUID_A_HEX, cookieHex()));
        SyncStateControl expected = new SyncStateControl(SyncState.ADD, UUID_A, utf8(COOKIE));
        assertThat(SyncStateControl.decodeValue(value)).isEqualTo(expected);
        assertThat(expected.encodeValue()).containsExactly(value);
        Control control = expected.encode();
        assertThat(control.oid()).isEqualTo("1.3.6.1.4.1.4203.1.9.1.2");
        assertThat(control.critical()).isFalse();
        assertThat(SyncStateControl.decode(control)).isEqualTo(expected);
    }

    @Test
    void syncStateEachStateWithoutCookie() throws BerException {
        for (SyncState state : SyncState.values()) {
            byte[] value = hex("30 15 0a 01 0" + state.ordinal() + " 04 10 " + UUID_B_HEX);
            SyncStateControl expected = new SyncStateControl(state, UUID_B, null);
            assertThat(SyncStateControl.decodeValue(value)).isEqualTo(expected);
            assertThat(expected.encodeValue()).containsExactly(value);
        }
        assertThat(SyncState.DELETE.code()).isEqualTo(3);
    }

    @Test
    void syncDone() throws BerException {
        SyncDoneControl empty = new SyncDoneControl(null, false);
        assertThat(empty.encodeValue()).containsExactly(hex("30 00"));
        assertThat(SyncDoneControl.decodeValue(hex("30 00"))).isEqualTo(empty);
        assertThat(SyncDoneControl.decodeValue(hex("30 03 01 01 00")))
                .as("explicit default")
                .isEqualTo(empty);
        byte[] value = hex("30 41   04 3c " + cookieHex() + "   01 01 ff  -- refreshDeletes TRUE");
        SyncDoneControl full = new SyncDoneControl(utf8(COOKIE), true);
        assertThat(SyncDoneControl.decodeValue(value)).isEqualTo(full);
        assertThat(full.encodeValue()).containsExactly(value);
        assertThat(full.encode().oid()).isEqualTo("1.3.6.1.4.1.4203.1.9.1.3");
        assertThat(full.encode().critical()).isFalse();
    }

    @Test
    void syncInfoNewCookie() throws BerException {
        byte[] value = hex("80 3c " + cookieHex() + "   -- [0] syncCookie");
        NewCookie expected = new NewCookie(utf8(COOKIE));
        assertThat(SyncInfo.decodeValue(value)).isEqualTo(expected);
        assertThat(expected.encodeValue()).containsExactly(value);
        IntermediateResponse response = expected.encode();
        assertThat(response.oid()).isEqualTo("1.3.6.1.4.1.4203.1.9.1.4");
        assertThat(SyncInfo.decode(response)).isEqualTo(expected);
    }

    @Test
    void syncInfoRefreshDeleteAndPresent() throws BerException {
        assertThat(SyncInfo.decodeValue(hex("a1 00"))).isEqualTo(new RefreshDelete(null, true));
        assertThat(new RefreshDelete(null, true).encodeValue()).containsExactly(hex("a1 00"));
        assertThat(SyncInfo.decodeValue(hex("a1 03 01 01 ff")))
                .as("explicit default")
                .isEqualTo(new RefreshDelete(null, true));
        byte[] present = hex("a2 41   04 3c " + cookieHex() + "   01 01 00   -- refreshDone FALSE");
        assertThat(SyncInfo.decodeValue(present)).isEqualTo(new RefreshPresent(utf8(COOKIE), false));
        assertThat(new RefreshPresent(utf8(COOKIE), false).encodeValue()).containsExactly(present);
        assertThat(SyncInfo.decodeValue(hex("a2 00"))).isEqualTo(new RefreshPresent(null, true));
    }

    @Test
    void syncInfoSyncIdSet() throws BerException {
        byte[] value = hex("a3 " + Codec.berLength(2 + COOKIE.length() + 3 + 2 + 36)
                + """
                   04 3c %s                          -- cookie
                   01 01 ff                          -- refreshDeletes TRUE
                   31 24                             -- SET OF syncUUID
                      04 10 %s
                      04 10 %s
                """.formatted(cookieHex(), UUID_A_HEX, UUID_B_HEX));
        SyncIdSet expected = new SyncIdSet(utf8(COOKIE), true, List.of(UUID_A, UUID_B));
        assertThat(SyncInfo.decodeValue(value)).isEqualTo(expected);
        assertThat(expected.encodeValue()).containsExactly(value);
        SyncIdSet present = new SyncIdSet(null, false, List.of());
        assertThat(present.encodeValue()).containsExactly(hex("a3 02 31 00"));
        assertThat(SyncInfo.decodeValue(hex("a3 05 01 01 00 31 00")))
                .as("explicit default")
                .isEqualTo(present);
    }

    @Test
    void syncRefreshRequiredIsResult4096() throws BerException {
        // SearchResultDone with e-syncRefreshRequired and a Sync Done control, as a provider ends a
        // refresh whose cookie it cannot serve
        byte[] pdu = hex("""
                30 2f 02 01 02
                   65 08 0a 02 10 00 04 00 04 00                   -- searchResDone, resultCode 4096, "", ""
                   a0 20 30 1e                                     -- controls, Control
                      04 18 31 2e 33 2e 36 2e 31 2e 34 2e 31 2e 34 32 30 33 2e 31 2e 39 2e 31 2e 33
                      04 02 30 00                                  -- controlValue: syncDoneValue {}
                """);
        LdapMessage expected = new LdapMessage(
                2,
                new SearchResultDone(LdapResult.of(ResultCode.E_SYNC_REFRESH_REQUIRED, "")),
                List.of(new SyncDoneControl(null, false).encode()));
        assertThat(ResultCode.of(4096)).isEqualTo(ResultCode.E_SYNC_REFRESH_REQUIRED);
        assertThat(ResultCode.E_SYNC_REFRESH_REQUIRED.code()).isEqualTo(4096);
        assertThat(Codec.hex(LdapEncoder.encode(expected))).isEqualTo(Codec.hex(pdu));
        LdapMessage decoded = LdapDecoder.decode(pdu);
        SearchResultDone done = (SearchResultDone) decoded.op();
        assertThat(done.result().code()).isEqualTo(ResultCode.E_SYNC_REFRESH_REQUIRED);
        assertThat(SyncDoneControl.decode(decoded.controls().get(0))).isEqualTo(new SyncDoneControl(null, false));
    }

    @Test
    void everyFuzzSeedDecodes() throws Exception {
        // seeds should reach past the outer checks; reproducers of findings ("regression-*") are exempt
        Map<String, SyncFuzzing.Decoder<?>> targets = Map.of(
                "SyncRequestFuzzTestInputs", SyncRequestControl::decodeValue,
                "SyncStateFuzzTestInputs", SyncStateControl::decodeValue,
                "SyncDoneFuzzTestInputs", SyncDoneControl::decodeValue,
                "SyncInfoFuzzTestInputs", SyncInfo::decodeValue);
        for (var target : targets.entrySet()) {
            Path dir =
                    Path.of(getClass().getResource(target.getKey() + "/decode").toURI());
            try (var files = Files.list(dir)) {
                List<Path> seeds = files.filter(f -> !f.getFileName().toString().startsWith("regression-"))
                        .toList();
                assertThat(seeds).as(target.getKey()).hasSizeGreaterThanOrEqualTo(2);
                for (Path seed : seeds) {
                    assertThat(target.getValue().decode(Files.readAllBytes(seed)))
                            .as(seed.toString())
                            .isNotNull();
                }
            }
        }
    }
}
