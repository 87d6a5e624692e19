package dev.linden.protocol.op;

public record DeleteRequest(String dn) implements ProtocolOp {}
