package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record SearchResultDone(LdapResult result) implements ProtocolOp, ResultResponse {}
