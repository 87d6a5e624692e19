package dev.linden.protocol.op;

public record AbandonRequest(int idToAbandon) implements ProtocolOp {}
