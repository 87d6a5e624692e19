package dev.linden.protocol.sync;

import dev.linden.protocol.Control;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.Objects;

/**
 * The Sync Done control a provider puts on the SearchResultDone that ends a refreshOnly search (or a
 * refreshAndPersist one ended early) (RFC 4533 section 2.4):
 * <pre>
 * syncDoneValue ::= SEQUENCE {
 *     cookie          syncCookie OPTIONAL,
 *     refreshDeletes  BOOLEAN DEFAULT FALSE }
 * </pre>
 *
 * @param cookie the state the consumer holds once it has applied the refresh, or null
 * @param refreshDeletes true: the refresh was a delete phase (deleted entries were sent as such, the
 *     consumer keeps what it was not told about); false: a present phase (the consumer deletes every
 *     entry that was neither sent nor named present). slapd sends true after a refresh without a
 *     cookie, although the RFC's section 3.3.1 describes false there; a consumer must take both.
 */
public record SyncDoneControl(byte[] cookie, boolean refreshDeletes) {
    public static final String OID = "1.3.6.1.4.1.4203.1.9.1.3";

    /** The control, not critical (the RFC: "the criticality is FALSE (and hence absent)"). */
    public Control encode() {
        return new Control(OID, false, encodeValue());
    }

    public byte[] encodeValue() {
        BerWriter w = new BerWriter(16 + (cookie == null ? 0 : cookie.length)).begin(BerTags.SEQUENCE);
        SyncBer.writeCookie(w, cookie);
        SyncBer.writeUnlessDefault(w, refreshDeletes, false);
        return w.end().toByteArray();
    }

    /**
     * Reads the control's value; a malformed one is a {@link BerException}.
     *
     * @throws IllegalArgumentException when the control is another one
     */
    public static SyncDoneControl decode(Control control) throws BerException {
        if (!OID.equals(control.oid())) {
            throw new IllegalArgumentException(control.oid() + " is not the Sync Done control");
        }
        return decodeValue(SyncBer.requireValue(control.value(), "the Sync Done control"));
    }

    public static SyncDoneControl decodeValue(byte[] value) throws BerException {
        BerReader outer = new BerReader(value);
        BerReader r = outer.readSequence(BerTags.SEQUENCE);
        outer.expectEnd("the Sync Done value");
        byte[] cookie = SyncBer.optionalCookie(r);
        boolean refreshDeletes = SyncBer.optionalBoolean(r, false);
        r.expectEnd("the Sync Done value");
        return new SyncDoneControl(cookie, refreshDeletes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncDoneControl c
                && SyncBer.sameCookie(cookie, c.cookie)
                && refreshDeletes == c.refreshDeletes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(SyncBer.cookieHash(cookie), refreshDeletes);
    }

    @Override
    public String toString() {
        return "SyncDoneControl[cookie=" + SyncBer.show(cookie) + ", refreshDeletes=" + refreshDeletes + "]";
    }
}
