package dev.linden.core.control;

import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;

/** Reading a control's value: a missing or malformed value is a protocolError naming the control, as slapd answers. */
final class ControlValues {
    private ControlValues() {}

    /** A reader over the control's value; protocolError when it has none. */
    static BerReader reader(Control control, String name) throws LdapException {
        if (control.value() == null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, name + " control value is absent");
        }
        return new BerReader(control.value());
    }

    static LdapException malformed(String name, BerException e) {
        return new LdapException(ResultCode.PROTOCOL_ERROR, name + " control value is not valid: " + e.getMessage());
    }

    /** A control that takes no value must come without one. */
    static void noValue(Control control, String name) throws LdapException {
        if (control.value() != null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, name + " control value not absent");
        }
    }
}
