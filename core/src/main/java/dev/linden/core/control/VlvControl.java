package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import java.util.List;

/**
 * The virtual list view request (draft-ietf-ldapext-ldapv3-vlv): how many entries before and after
 * the target, the target by offset (with the client's idea of the list's size) or by the first sort
 * key's value, and the context ID of the list the client scrolls in.
 *
 * @param value the assertion value when the target is given by value; null when by offset
 * @param contextId the context ID the client sent back, or null
 */
public record VlvControl(int before, int after, int offset, int count, byte[] value, byte[] contextId) {
    /** The VLV result codes slapd's sssvlv uses: no sort control (sortControlMissing) and offset out of range. */
    public static final int SORT_MISSING = 76;

    public static final int RANGE_ERROR = 77;

    /** The request's VLV control, or null when it has none. */
    public static VlvControl of(List<Control> controls) throws LdapException {
        Control c = KnownControls.find(controls, Oids.VLV_REQUEST);
        if (c == null) {
            return null;
        }
        BerReader r = ControlValues.reader(c, "vlv");
        try {
            BerReader v = r.readSequence(BerTags.SEQUENCE);
            r.expectEnd("the vlv control");
            int before = v.readIntInRange(BerTags.INTEGER, 0, Integer.MAX_VALUE, "beforeCount");
            int after = v.readIntInRange(BerTags.INTEGER, 0, Integer.MAX_VALUE, "afterCount");
            int offset = 0;
            int count = 0;
            byte[] value = null;
            if (v.peekTag() == 0xa0) {
                BerReader byOffset = v.readSequence(0xa0);
                offset = byOffset.readIntInRange(BerTags.INTEGER, 0, Integer.MAX_VALUE, "offset");
                count = byOffset.readIntInRange(BerTags.INTEGER, 0, Integer.MAX_VALUE, "contentCount");
                byOffset.expectEnd("byOffset");
            } else {
                value = v.readOctetString(0x81);
            }
            byte[] context = v.hasMore() ? v.readOctetString(BerTags.OCTET_STRING) : null;
            v.expectEnd("the vlv request");
            return new VlvControl(before, after, offset, count, value, context);
        } catch (BerException e) {
            throw ControlValues.malformed("vlv", e);
        }
    }

    /** VirtualListViewResponse ::= SEQUENCE { targetPosition, contentCount, virtualListViewResult, contextID OPTIONAL }. */
    public static Control response(int target, int count, int result, byte[] contextId) {
        BerWriter w = new BerWriter(32)
                .begin(BerTags.SEQUENCE)
                .integer(target)
                .integer(count)
                .enumerated(result);
        if (contextId != null) {
            w.octetString(contextId);
        }
        return new Control(Oids.VLV_RESPONSE, false, w.end().toByteArray());
    }

    /** The VLV response of a search that cannot make the list (no sort control: slapd's virtualListViewError). */
    public static LdapException sortMissing() {
        return new LdapException(
                ResultCode.VIRTUAL_LIST_VIEW_ERROR,
                "Sort control is required with VLV",
                "",
                List.of(response(0, 0, SORT_MISSING, null)));
    }
}
