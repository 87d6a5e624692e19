package dev.linden.it.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoIntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoType;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import com.unboundid.ldap.sdk.controls.ContentSyncState;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import dev.linden.protocol.sync.NewCookie;
import dev.linden.protocol.sync.RefreshDelete;
import dev.linden.protocol.sync.RefreshPresent;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncIdSet;
import dev.linden.protocol.sync.SyncInfo;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The UnboundID LDAP SDK's own RFC 4533 classes as a second, independent codec: each value encoded
 * by Linden decodes there to the same fields, each value UnboundID encodes decodes here to the same
 * record, and both write the same bytes.
 */
class UnboundIdSyncCodecTest {
    private static final byte[] COOKIE =
            "rid=001,sid=001,csn=20261206124807.170433Z#000000#001#000000".getBytes(StandardCharsets.US_ASCII);
    private static final List<byte[]> COOKIES = java.util.Arrays.asList(null, new byte[0], COOKIE);

    @Test
    void syncRequest() throws Exception {
        for (byte[] cookie : COOKIES) {
            for (SyncMode mode : SyncMode.values()) {
                for (boolean hint : new boolean[] {false, true}) {
                    SyncRequestControl ours = new SyncRequestControl(mode, cookie, hint);
                    ContentSyncRequestControl theirs = new ContentSyncRequestControl(unboundId(ours.encode(true)));
                    assertThat(theirs.getMode())
                            .isEqualTo(
                                    mode == SyncMode.REFRESH_ONLY
                                            ? ContentSyncRequestMode.REFRESH_ONLY
                                            : ContentSyncRequestMode.REFRESH_AND_PERSIST);
                    assertThat(bytes(theirs.getCookie())).isEqualTo(cookie);
                    assertThat(theirs.getReloadHint()).isEqualTo(hint);

                    ContentSyncRequestControl built = new ContentSyncRequestControl(
                            true, theirs.getMode(), cookie == null ? null : new ASN1OctetString(cookie), hint);
                    assertThat(SyncRequestControl.decodeValue(built.getValue().getValue()))
                            .isEqualTo(ours);
                    assertThat(built.getValue().getValue()).containsExactly(ours.encodeValue());
                }
            }
        }
    }

    @Test
    void syncStateAndDone() throws Exception {
        UUID uuid = UUID.randomUUID();
        for (byte[] cookie : COOKIES) {
            for (SyncState state : SyncState.values()) {
                SyncStateControl ours = new SyncStateControl(state, uuid, cookie);
                ContentSyncStateControl theirs = new ContentSyncStateControl(
                        SyncStateControl.OID, false, new ASN1OctetString(ours.encodeValue()));
                assertThat(theirs.getState().name()).isEqualTo(state.name());
                assertThat(theirs.getEntryUUID()).isEqualTo(uuid);
                assertThat(bytes(theirs.getCookie())).isEqualTo(cookie);
                ContentSyncStateControl built = new ContentSyncStateControl(
                        ContentSyncState.valueOf(state.name()),
                        uuid,
                        cookie == null ? null : new ASN1OctetString(cookie));
                assertThat(SyncStateControl.decodeValue(built.getValue().getValue()))
                        .isEqualTo(ours);
                assertThat(built.getValue().getValue()).containsExactly(ours.encodeValue());
            }
            for (boolean deletes : new boolean[] {false, true}) {
                SyncDoneControl ours = new SyncDoneControl(cookie, deletes);
                ContentSyncDoneControl theirs =
                        new ContentSyncDoneControl(SyncDoneControl.OID, false, new ASN1OctetString(ours.encodeValue()));
                assertThat(bytes(theirs.getCookie())).isEqualTo(cookie);
                assertThat(theirs.refreshDeletes()).isEqualTo(deletes);
                ContentSyncDoneControl built =
                        new ContentSyncDoneControl(cookie == null ? null : new ASN1OctetString(cookie), deletes);
                assertThat(SyncDoneControl.decodeValue(built.getValue().getValue()))
                        .isEqualTo(ours);
                assertThat(built.getValue().getValue()).containsExactly(ours.encodeValue());
            }
        }
    }

    @Test
    void syncInfo() throws Exception {
        List<UUID> uuids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<SyncInfo> ours = new ArrayList<>();
        List<ContentSyncInfoIntermediateResponse> built = new ArrayList<>();
        ours.add(new NewCookie(COOKIE));
        built.add(ContentSyncInfoIntermediateResponse.createNewCookieResponse(new ASN1OctetString(COOKIE)));
        for (byte[] cookie : COOKIES) {
            ASN1OctetString c = cookie == null ? null : new ASN1OctetString(cookie);
            for (boolean flag : new boolean[] {false, true}) {
                ours.add(new RefreshDelete(cookie, flag));
                built.add(ContentSyncInfoIntermediateResponse.createRefreshDeleteResponse(c, flag));
                ours.add(new RefreshPresent(cookie, flag));
                built.add(ContentSyncInfoIntermediateResponse.createRefreshPresentResponse(c, flag));
                ours.add(new SyncIdSet(cookie, flag, uuids));
                built.add(ContentSyncInfoIntermediateResponse.createSyncIDSetResponse(c, uuids, flag));
            }
        }
        for (int i = 0; i < ours.size(); i++) {
            SyncInfo mine = ours.get(i);
            ContentSyncInfoIntermediateResponse theirs = ContentSyncInfoIntermediateResponse.decode(
                    new IntermediateResponse(SyncInfo.OID, new ASN1OctetString(mine.encodeValue())));
            assertThat(bytes(theirs.getCookie())).as(mine.toString()).isEqualTo(mine.cookie());
            switch (mine) {
                case NewCookie n -> assertThat(theirs.getType()).isEqualTo(ContentSyncInfoType.NEW_COOKIE);
                case RefreshDelete d -> {
                    assertThat(theirs.getType()).isEqualTo(ContentSyncInfoType.REFRESH_DELETE);
                    assertThat(theirs.refreshDone()).isEqualTo(d.refreshDone());
                }
                case RefreshPresent p -> {
                    assertThat(theirs.getType()).isEqualTo(ContentSyncInfoType.REFRESH_PRESENT);
                    assertThat(theirs.refreshDone()).isEqualTo(p.refreshDone());
                }
                case SyncIdSet s -> {
                    assertThat(theirs.getType()).isEqualTo(ContentSyncInfoType.SYNC_ID_SET);
                    assertThat(theirs.refreshDeletes()).isEqualTo(s.refreshDeletes());
                    assertThat(theirs.getEntryUUIDs()).isEqualTo(s.syncUuids());
                }
            }
            byte[] theirBytes = built.get(i).getValue().getValue();
            assertThat(SyncInfo.decodeValue(theirBytes)).as(mine.toString()).isEqualTo(mine);
            assertThat(theirBytes).as(mine.toString()).containsExactly(mine.encodeValue());
        }
    }

    private static Control unboundId(dev.linden.protocol.Control c) {
        return new Control(c.oid(), c.critical(), c.value() == null ? null : new ASN1OctetString(c.value()));
    }

    private static byte[] bytes(ASN1OctetString s) {
        return s == null ? null : s.getValue();
    }
}
