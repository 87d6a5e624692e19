package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record ModifyDnResponse(LdapResult result) implements ProtocolOp, ResultResponse {}
