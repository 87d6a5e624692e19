package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record CompareResponse(LdapResult result) implements ProtocolOp, ResultResponse {}
