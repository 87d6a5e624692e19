package dev.linden.protocol.sync;

import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.op.IntermediateResponse;

/**
 * The Sync Info message: an IntermediateResponse named {@value #OID} whose value is one of four
 * choices (RFC 4533 section 2.5):
 * <pre>
 * syncInfoValue ::= CHOICE {
 *     newcookie      [0] syncCookie,
 *     refreshDelete  [1] SEQUENCE { cookie syncCookie OPTIONAL, refreshDone BOOLEAN DEFAULT TRUE },
 *     refreshPresent [2] SEQUENCE { cookie syncCookie OPTIONAL, refreshDone BOOLEAN DEFAULT TRUE },
 *     syncIdSet      [3] SEQUENCE { cookie syncCookie OPTIONAL, refreshDeletes BOOLEAN DEFAULT FALSE,
 *                                   syncUUIDs SET OF syncUUID } }
 * </pre>
 */
public sealed interface SyncInfo permits NewCookie, RefreshDelete, RefreshPresent, SyncIdSet {
    String OID = "1.3.6.1.4.1.4203.1.9.1.4";
    int NEW_COOKIE = BerTags.context(0, false);
    int REFRESH_DELETE = BerTags.context(1, true);
    int REFRESH_PRESENT = BerTags.context(2, true);
    int SYNC_ID_SET = BerTags.context(3, true);

    /** The cookie this message carries, or null (only {@link NewCookie} always has one). */
    byte[] cookie();

    /** The BER of the syncInfoValue. */
    byte[] encodeValue();

    /** The IntermediateResponse that carries this message. */
    default IntermediateResponse encode() {
        return new IntermediateResponse(OID, encodeValue());
    }

    /**
     * Reads a Sync Info message; a malformed value is a {@link BerException}.
     *
     * @throws IllegalArgumentException when the response has another name
     */
    static SyncInfo decode(IntermediateResponse response) throws BerException {
        if (!OID.equals(response.oid())) {
            throw new IllegalArgumentException(response.oid() + " is not the Sync Info message");
        }
        return decodeValue(SyncBer.requireValue(response.value(), "the Sync Info message"));
    }

    static SyncInfo decodeValue(byte[] value) throws BerException {
        BerReader outer = new BerReader(value);
        int tag = outer.peekTag();
        SyncInfo info;
        if (tag == NEW_COOKIE) {
            info = new NewCookie(outer.readOctetString(NEW_COOKIE));
        } else if (tag == REFRESH_DELETE || tag == REFRESH_PRESENT) {
            BerReader r = outer.readSequence(tag);
            byte[] cookie = SyncBer.optionalCookie(r);
            boolean refreshDone = SyncBer.optionalBoolean(r, true);
            r.expectEnd("the refresh message");
            info = tag == REFRESH_DELETE
                    ? new RefreshDelete(cookie, refreshDone)
                    : new RefreshPresent(cookie, refreshDone);
        } else if (tag == SYNC_ID_SET) {
            info = SyncIdSet.decodeContents(outer.readSequence(tag));
        } else {
            throw new BerException(
                    tag < 0 ? "empty Sync Info value" : String.format("unknown Sync Info choice 0x%02x", tag));
        }
        outer.expectEnd("the Sync Info value");
        return info;
    }
}
