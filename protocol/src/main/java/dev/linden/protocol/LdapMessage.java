package dev.linden.protocol;

import dev.linden.protocol.op.ProtocolOp;
import java.util.List;

/** The LDAPMessage envelope: message ID, one protocol operation, and its controls. */
public record LdapMessage(int messageId, ProtocolOp op, List<Control> controls) {
    public LdapMessage {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    public LdapMessage(int messageId, ProtocolOp op) {
        this(messageId, op, List.of());
    }
}
