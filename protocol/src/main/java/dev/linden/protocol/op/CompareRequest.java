package dev.linden.protocol.op;

public record CompareRequest(String dn, String attribute, byte[] value) implements ProtocolOp {}
