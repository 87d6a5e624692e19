package dev.linden.protocol.sync;

import dev.linden.protocol.Control;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.Objects;
import java.util.UUID;

/**
 * The Sync State control a provider puts on each SearchResultEntry (or SearchResultReference) of a
 * sync search (RFC 4533 section 2.3):
 * <pre>
 * syncStateValue ::= SEQUENCE {
 *     state ENUMERATED { present (0), add (1), modify (2), delete (3) },
 *     entryUUID syncUUID,          -- OCTET STRING (SIZE(16))
 *     cookie    syncCookie OPTIONAL }
 * </pre>
 * slapd's consumer ends the session on an entry with no Sync State control, with two, or with a
 * UUID that is not 16 bytes, and expects the UUID to equal the entry's entryUUID.
 *
 * @param state what happened to the entry
 * @param entryUuid the entry's entryUUID, its identity across renames
 * @param cookie the state after this change, or null (slapd sends one in the persist phase, carrying
 *     only this change's CSN)
 */
public record SyncStateControl(SyncState state, UUID entryUuid, byte[] cookie) {
    public static final String OID = "1.3.6.1.4.1.4203.1.9.1.2";

    public SyncStateControl {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(entryUuid, "entryUuid");
    }

    /** The control, not critical (as the RFC says; slapd copies the request's criticality instead). */
    public Control encode() {
        return new Control(OID, false, encodeValue());
    }

    public byte[] encodeValue() {
        BerWriter w = new BerWriter(40 + (cookie == null ? 0 : cookie.length)).begin(BerTags.SEQUENCE);
        w.enumerated(state.code());
        SyncBer.writeUuid(w, entryUuid);
        SyncBer.writeCookie(w, cookie);
        return w.end().toByteArray();
    }

    /**
     * Reads the control's value; a malformed one is a {@link BerException}.
     *
     * @throws IllegalArgumentException when the control is another one
     */
    public static SyncStateControl decode(Control control) throws BerException {
        if (!OID.equals(control.oid())) {
            throw new IllegalArgumentException(control.oid() + " is not the Sync State control");
        }
        return decodeValue(SyncBer.requireValue(control.value(), "the Sync State control"));
    }

    public static SyncStateControl decodeValue(byte[] value) throws BerException {
        BerReader outer = new BerReader(value);
        BerReader r = outer.readSequence(BerTags.SEQUENCE);
        outer.expectEnd("the Sync State value");
        SyncState state = SyncState.values()[r.readIntInRange(BerTags.ENUMERATED, 0, 3, "sync state")];
        UUID uuid = SyncBer.readUuid(r);
        byte[] cookie = SyncBer.optionalCookie(r);
        r.expectEnd("the Sync State value");
        return new SyncStateControl(state, uuid, cookie);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncStateControl c
                && state == c.state
                && entryUuid.equals(c.entryUuid)
                && SyncBer.sameCookie(cookie, c.cookie);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, entryUuid, SyncBer.cookieHash(cookie));
    }

    @Override
    public String toString() {
        return "SyncStateControl[state=" + state + ", entryUuid=" + entryUuid + ", cookie=" + SyncBer.show(cookie)
                + "]";
    }
}
