package dev.linden.core.control;

import dev.linden.core.Oids;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;

/** The Simple Paged Results control value (RFC 2696): realSearchControlValue ::= SEQUENCE { size INTEGER, cookie OCTET STRING }. */
public record PagedResultsControl(int size, byte[] cookie) {
    public static PagedResultsControl decode(Control control) throws LdapException {
        if (control.value() == null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "paged results control value is absent");
        }
        try {
            BerReader r = new BerReader(control.value()).readSequence(BerTags.SEQUENCE);
            int size = r.readIntInRange(BerTags.INTEGER, 0, Integer.MAX_VALUE, "page size");
            byte[] cookie = r.readOctetString();
            return new PagedResultsControl(size, cookie);
        } catch (BerException e) {
            throw new LdapException(
                    ResultCode.PROTOCOL_ERROR, "paged results control value not valid: " + e.getMessage());
        }
    }

    public static Control response(int estimate, byte[] cookie) {
        byte[] value = new BerWriter(32)
                .begin(BerTags.SEQUENCE)
                .integer(estimate)
                .octetString(cookie)
                .end()
                .toByteArray();
        return new Control(Oids.PAGED_RESULTS, false, value);
    }
}
