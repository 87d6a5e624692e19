package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record DeleteResponse(LdapResult result) implements ProtocolOp, ResultResponse {}
