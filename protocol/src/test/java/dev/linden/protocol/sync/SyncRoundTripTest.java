package dev.linden.protocol.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.Codec;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.op.IntermediateResponse;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.op.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every field combination encodes, decodes to an equal record and encodes to the same bytes again. */
class SyncRoundTripTest {
    private static final List<byte[]> COOKIES =
            List.of(new byte[0], Codec.utf8("rid=001"), Codec.bytes(300), Codec.bytes(70_000));

    private static List<byte[]> cookiesAndNone() {
        List<byte[]> all = new ArrayList<>(COOKIES);
        all.add(null);
        return all;
    }

    @Test
    void syncRequest() throws BerException {
        for (SyncMode mode : SyncMode.values()) {
            for (byte[] cookie : cookiesAndNone()) {
                for (boolean hint : new boolean[] {false, true}) {
                    SyncRequestControl c = new SyncRequestControl(mode, cookie, hint);
                    byte[] value = c.encodeValue();
                    SyncRequestControl back = SyncRequestControl.decodeValue(value);
                    assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
                    assertThat(back.encodeValue()).containsExactly(value);
                    assertThat(back.cookie() == null)
                            .isEqualTo(cookie == null); // absent stays absent, empty stays empty
                }
            }
        }
    }

    @Test
    void syncStateAndDone() throws BerException {
        UUID uuid = UUID.randomUUID();
        for (byte[] cookie : cookiesAndNone()) {
            for (SyncState state : SyncState.values()) {
                SyncStateControl c = new SyncStateControl(state, uuid, cookie);
                SyncStateControl back = SyncStateControl.decode(c.encode());
                assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
                assertThat(back.encodeValue()).containsExactly(c.encodeValue());
            }
            for (boolean deletes : new boolean[] {false, true}) {
                SyncDoneControl c = new SyncDoneControl(cookie, deletes);
                SyncDoneControl back = SyncDoneControl.decode(c.encode());
                assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
                assertThat(back.encodeValue()).containsExactly(c.encodeValue());
            }
        }
    }

    @Test
    void syncInfo() throws BerException {
        List<UUID> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(new UUID(i * 0x9E3779B97F4A7C15L, ~i));
        }
        List<SyncInfo> all = new ArrayList<>();
        for (byte[] cookie : COOKIES) {
            all.add(new NewCookie(cookie));
        }
        for (byte[] cookie : cookiesAndNone()) {
            for (boolean flag : new boolean[] {false, true}) {
                all.add(new RefreshDelete(cookie, flag));
                all.add(new RefreshPresent(cookie, flag));
                all.add(new SyncIdSet(cookie, flag, List.of()));
                all.add(new SyncIdSet(cookie, flag, List.of(UUID.randomUUID())));
                all.add(new SyncIdSet(cookie, flag, many));
            }
        }
        for (SyncInfo info : all) {
            byte[] value = info.encodeValue();
            SyncInfo back = SyncInfo.decode(info.encode());
            assertThat(back)
                    .as(info.toString())
                    .isEqualTo(info)
                    .hasSameHashCodeAs(info)
                    .hasSameClassAs(info);
            assertThat(back.encodeValue()).containsExactly(value);
        }
        assertThat(new RefreshDelete(null, true)).isNotEqualTo(new RefreshPresent(null, true));
    }

    @Test
    void insideWholeLdapMessages() throws BerException {
        byte[] cookie = Codec.utf8("rid=001,sid=001,csn=20261206124807.170433Z#000000#001#000000");
        UUID uuid = UUID.fromString("3b2a3c5e-4f6a-103f-8f1e-b5b2f1e0a001");
        LdapMessage entry = new LdapMessage(
                5,
                new SearchResultEntry("uid=a,dc=example,dc=com", List.of()),
                List.of(new SyncStateControl(SyncState.PRESENT, uuid, null).encode()));
        LdapMessage info = new LdapMessage(5, new SyncIdSet(cookie, false, List.of(uuid)).encode());
        LdapMessage done = new LdapMessage(
                5, new SearchResultDone(LdapResult.success()), List.of(new SyncDoneControl(cookie, true).encode()));
        assertThat(SyncStateControl.decode(Codec.roundTrip(entry).controls().get(0))
                        .entryUuid())
                .isEqualTo(uuid);
        assertThat(SyncInfo.decode((IntermediateResponse) Codec.roundTrip(info).op()))
                .isEqualTo(new SyncIdSet(cookie, false, List.of(uuid)));
        assertThat(SyncDoneControl.decode(Codec.roundTrip(done).controls().get(0))
                        .refreshDeletes())
                .isTrue();
    }

    @Test
    void cookiesShowAsTextOrHex() {
        assertThat(new NewCookie(Codec.utf8("rid=001")).toString()).isEqualTo("NewCookie[\"rid=001\"]");
        assertThat(new SyncDoneControl(new byte[] {1, (byte) 0xff}, false).toString())
                .contains("cookie=0x01ff");
        assertThat(new SyncDoneControl(null, false).toString()).contains("cookie=none");
    }
}
