package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

/** An extended response; {@code oid} and {@code value} are null when absent. */
public record ExtendedResponse(LdapResult result, String oid, byte[] value) implements ProtocolOp, ResultResponse {}
