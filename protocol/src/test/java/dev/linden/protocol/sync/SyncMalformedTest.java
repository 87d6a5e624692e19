package dev.linden.protocol.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.linden.protocol.Codec;
import dev.linden.protocol.Control;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.op.IntermediateResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed values: each is a BerException that says what is wrong, never another exception; every
 * truncation of a valid value is refused, and so are bytes after it.
 */
class SyncMalformedTest {
    private static final String UUID16 = "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff";

    interface Decoder {
        Object decode(byte[] value) throws BerException;
    }

    private static Decoder decoder(String which) {
        return switch (which) {
            case "request" -> SyncRequestControl::decodeValue;
            case "state" -> SyncStateControl::decodeValue;
            case "done" -> SyncDoneControl::decodeValue;
            case "info" -> SyncInfo::decodeValue;
            default -> throw new IllegalArgumentException(which);
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            request | empty value                      |                                          | element expected
            request | not a SEQUENCE                   | 31 03 0a 01 01                           | expected tag 0x30
            request | mode 0 (unused)                  | 30 03 0a 01 00                           | sync mode 0
            request | mode 2 (reserved)                | 30 03 0a 01 02                           | sync mode 2
            request | mode 4                           | 30 03 0a 01 04                           | sync mode 4 out of range
            request | mode as INTEGER                  | 30 03 02 01 01                           | expected tag 0x0a
            request | cookie after reloadHint          | 30 08 0a 01 01 01 01 ff 04 00            | unexpected data after the Sync Request value
            request | a second cookie                  | 30 07 0a 01 01 04 00 04 00               | unexpected data after
            request | boolean of two bytes             | 30 07 0a 01 01 01 02 ff ff               | boolean of 2 bytes
            request | bytes after the SEQUENCE         | 30 03 0a 01 01 00                        | unexpected data after
            request | length beyond the value          | 30 05 0a 01 01                           | exceeds
            state   | state 4                          | 30 15 0a 01 04 04 10 %UUID16             | sync state 4 out of range
            state   | UUID of 15 bytes                 | 30 14 0a 01 01 04 0f %UUID15             | syncUUID of 15 bytes
            state   | UUID of 17 bytes                 | 30 16 0a 01 01 04 11 %UUID16 00          | syncUUID of 17 bytes
            state   | empty UUID                       | 30 05 0a 01 01 04 00                     | syncUUID of 0 bytes
            state   | no UUID                          | 30 03 0a 01 01                           | element expected
            state   | cookie with another tag          | 30 17 0a 01 01 04 10 %UUID16 80 00       | unexpected data after the Sync State value
            state   | bytes after the SEQUENCE         | 30 15 0a 01 01 04 10 %UUID16 ff          | unexpected data after
            done    | empty value                      |                                          | element expected
            done    | boolean before cookie            | 30 05 01 01 ff 04 00                     | unexpected data after the Sync Done value
            done    | constructed cookie               | 30 02 24 00                              | unexpected data after the Sync Done value
            done    | bytes after the SEQUENCE         | 30 00 30 00                              | unexpected data after
            info    | empty value                      |                                          | empty Sync Info value
            info    | unknown choice [4]               | a4 00                                    | unknown Sync Info choice 0xa4
            info    | newcookie constructed            | a0 00                                    | unknown Sync Info choice 0xa0
            info    | refreshDelete primitive          | 81 00                                    | unknown Sync Info choice 0x81
            info    | universal SEQUENCE               | 30 00                                    | unknown Sync Info choice 0x30
            info    | refreshPresent with extra data   | a2 05 01 01 ff 05 00                     | unexpected data after the refresh message
            info    | bytes after the choice           | 80 00 80 00                              | unexpected data after the Sync Info value
            info    | syncIdSet without the set        | a3 00                                    | element expected
            info    | syncIdSet with a SEQUENCE        | a3 02 30 00                              | expected tag 0x31
            info    | syncIdSet with a short UUID      | a3 05 31 03 04 01 00                     | syncUUID of 1 bytes
            info    | syncIdSet with an INTEGER        | a3 05 31 03 02 01 00                     | expected tag 0x04
            info    | syncIdSet with data after set    | a3 04 31 00 04 00                        | unexpected data after the syncIdSet
            info    | multi-byte tag                   | bf 1f 00                                 | unknown Sync Info choice 0xbf
            info    | indefinite length                | a1 80 00 00                              | indefinite length
            """)
    void isRefused(String which, String what, String hex, String why) {
        String full = hex == null ? "" : hex.replace("%UUID16", UUID16).replace("%UUID15", UUID16.substring(3));
        byte[] value = Codec.hex(full);
        assertThatThrownBy(() -> decoder(which).decode(value))
                .as(what)
                .isInstanceOf(BerException.class)
                .hasMessageContaining(why);
    }

    @Test
    void everyTruncationAndEveryExtraByteIsRefused() throws BerException {
        List<Object[]> valid = new ArrayList<>();
        byte[] cookie = "rid=001,csn=20261206124807.170433Z#000000#001#000000".getBytes();
        UUID uuid = UUID.randomUUID();
        valid.add(new Object[] {
            "request", new SyncRequestControl(SyncMode.REFRESH_AND_PERSIST, cookie, true).encodeValue()
        });
        valid.add(new Object[] {"state", new SyncStateControl(SyncState.MODIFY, uuid, cookie).encodeValue()});
        valid.add(new Object[] {"done", new SyncDoneControl(cookie, true).encodeValue()});
        valid.add(new Object[] {"info", new NewCookie(cookie).encodeValue()});
        valid.add(new Object[] {"info", new RefreshPresent(cookie, false).encodeValue()});
        valid.add(new Object[] {"info", new SyncIdSet(cookie, true, List.of(uuid, uuid)).encodeValue()});
        for (Object[] v : valid) {
            Decoder decoder = decoder((String) v[0]);
            byte[] bytes = (byte[]) v[1];
            assertThat(decoder.decode(bytes)).isNotNull();
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThatThrownBy(() -> decoder.decode(cut))
                        .as("%s cut to %d bytes", v[0], n)
                        .isInstanceOf(BerException.class);
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThatThrownBy(() -> decoder.decode(longer))
                    .as("%s with a byte more", v[0])
                    .isInstanceOf(BerException.class)
                    .hasMessageContaining("unexpected data after");
        }
    }

    @Test
    void aControlWithoutValueOrOfAnotherKind() {
        assertThatThrownBy(() -> SyncRequestControl.decode(new Control(SyncRequestControl.OID, true, null)))
                .isInstanceOf(BerException.class)
                .hasMessageContaining("the Sync Request control has no value");
        assertThatThrownBy(() -> SyncStateControl.decode(new Control(SyncStateControl.OID, false, null)))
                .isInstanceOf(BerException.class)
                .hasMessageContaining("has no value");
        assertThatThrownBy(() -> SyncDoneControl.decode(new Control(SyncDoneControl.OID, false, null)))
                .isInstanceOf(BerException.class)
                .hasMessageContaining("has no value");
        assertThatThrownBy(() -> SyncInfo.decode(new IntermediateResponse(SyncInfo.OID, null)))
                .isInstanceOf(BerException.class)
                .hasMessageContaining("has no value");
        assertThatThrownBy(() -> SyncDoneControl.decode(new Control(SyncStateControl.OID, false, new byte[] {0x30, 0})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyncInfo.decode(new IntermediateResponse(null, new byte[] {(byte) 0xa1, 0})))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
