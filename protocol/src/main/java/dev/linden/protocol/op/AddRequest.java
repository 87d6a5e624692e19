package dev.linden.protocol.op;

import dev.linden.protocol.PartialAttribute;
import java.util.List;

public record AddRequest(String dn, List<PartialAttribute> attributes) implements ProtocolOp {
    public AddRequest {
        attributes = List.copyOf(attributes);
    }
}
