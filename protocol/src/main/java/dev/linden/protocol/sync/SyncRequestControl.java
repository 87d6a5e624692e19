package dev.linden.protocol.sync;

import dev.linden.protocol.Control;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.Objects;

/**
 * The Sync Request control a consumer puts on its SearchRequest (RFC 4533 section 2.2):
 * <pre>
 * syncRequestValue ::= SEQUENCE {
 *     mode ENUMERATED { refreshOnly (1), refreshAndPersist (3) },
 *     cookie     syncCookie OPTIONAL,
 *     reloadHint BOOLEAN DEFAULT FALSE }
 * </pre>
 *
 * @param mode refresh only, or refresh and then persist
 * @param cookie the state the consumer already holds, as the provider last sent it; null for none (a
 *     first refresh). Opaque here; OpenLDAP's format is read by {@code dev.linden.model.sync.SyncCookie}
 * @param reloadHint true asks the provider to send the whole content when the cookie is too old for
 *     an incremental refresh, instead of answering e-syncRefreshRequired (slapd's consumer sends true)
 */
public record SyncRequestControl(SyncMode mode, byte[] cookie, boolean reloadHint) {
    public static final String OID = "1.3.6.1.4.1.4203.1.9.1.1";

    public SyncRequestControl {
        Objects.requireNonNull(mode, "mode");
    }

    /** The control, critical or not as the client chooses (the RFC allows either). */
    public Control encode(boolean critical) {
        return new Control(OID, critical, encodeValue());
    }

    public byte[] encodeValue() {
        BerWriter w = new BerWriter(32 + (cookie == null ? 0 : cookie.length)).begin(BerTags.SEQUENCE);
        w.enumerated(mode.code());
        SyncBer.writeCookie(w, cookie);
        SyncBer.writeUnlessDefault(w, reloadHint, false);
        return w.end().toByteArray();
    }

    /**
     * Reads the control's value. A malformed value (which slapd answers with protocolError) is a
     * {@link BerException}.
     *
     * @throws IllegalArgumentException when the control is another one
     */
    public static SyncRequestControl decode(Control control) throws BerException {
        if (!OID.equals(control.oid())) {
            throw new IllegalArgumentException(control.oid() + " is not the Sync Request control");
        }
        return decodeValue(SyncBer.requireValue(control.value(), "the Sync Request control"));
    }

    public static SyncRequestControl decodeValue(byte[] value) throws BerException {
        BerReader outer = new BerReader(value);
        BerReader r = outer.readSequence(BerTags.SEQUENCE);
        outer.expectEnd("the Sync Request value");
        int code = r.readIntInRange(BerTags.ENUMERATED, 0, 3, "sync mode");
        SyncMode mode = SyncMode.of(code);
        if (mode == null) {
            throw new BerException("sync mode " + code + " is neither refreshOnly (1) nor refreshAndPersist (3)");
        }
        byte[] cookie = SyncBer.optionalCookie(r);
        boolean reloadHint = SyncBer.optionalBoolean(r, false);
        r.expectEnd("the Sync Request value");
        return new SyncRequestControl(mode, cookie, reloadHint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyncRequestControl c
                && mode == c.mode
                && SyncBer.sameCookie(cookie, c.cookie)
                && reloadHint == c.reloadHint;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, SyncBer.cookieHash(cookie), reloadHint);
    }

    @Override
    public String toString() {
        return "SyncRequestControl[mode=" + mode + ", cookie=" + SyncBer.show(cookie) + ", reloadHint=" + reloadHint
                + "]";
    }
}
