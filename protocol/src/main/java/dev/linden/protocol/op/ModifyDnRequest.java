package dev.linden.protocol.op;

/** A rename; {@code newSuperior} is null when the entry stays under its parent. */
public record ModifyDnRequest(String dn, String newRdn, boolean deleteOldRdn, String newSuperior)
        implements ProtocolOp {}
