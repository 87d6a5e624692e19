package dev.linden.protocol.op;

public record UnbindRequest() implements ProtocolOp {}
