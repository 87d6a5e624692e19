package dev.linden.protocol.op;

public record IntermediateResponse(String oid, byte[] value) implements ProtocolOp {}
