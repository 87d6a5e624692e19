package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record ModifyResponse(LdapResult result) implements ProtocolOp, ResultResponse {}
