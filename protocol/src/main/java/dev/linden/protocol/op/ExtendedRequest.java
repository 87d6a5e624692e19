package dev.linden.protocol.op;

/** An extended request; {@code value} is null when absent. */
public record ExtendedRequest(String oid, byte[] value) implements ProtocolOp {}
