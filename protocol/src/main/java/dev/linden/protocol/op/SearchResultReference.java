package dev.linden.protocol.op;

import java.util.List;

public record SearchResultReference(List<String> uris) implements ProtocolOp {}
