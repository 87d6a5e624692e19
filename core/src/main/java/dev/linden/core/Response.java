package dev.linden.core;

import dev.linden.protocol.Control;
import dev.linden.protocol.op.ProtocolOp;
import java.util.List;

/** The final response of an operation, with its response controls. */
public record Response(ProtocolOp op, List<Control> controls) {
    public Response(ProtocolOp op) {
        this(op, List.of());
    }
}
