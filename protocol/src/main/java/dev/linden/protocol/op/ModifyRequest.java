package dev.linden.protocol.op;

import dev.linden.protocol.Modification;
import java.util.List;

public record ModifyRequest(String dn, List<Modification> changes) implements ProtocolOp {
    public ModifyRequest {
        changes = List.copyOf(changes);
    }
}
