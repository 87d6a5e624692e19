package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

public record BindResponse(LdapResult result, byte[] serverSaslCreds) implements ProtocolOp, ResultResponse {}
