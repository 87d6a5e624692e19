package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record AddResponse(LdapResult result) implements ProtocolOp, ResultResponse {}
