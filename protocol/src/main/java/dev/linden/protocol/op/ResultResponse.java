package dev.linden.protocol.op;

import dev.linden.protocol.LdapResult;

/** A response that ends an operation with an LDAPResult. */
public interface ResultResponse {
    LdapResult result();
}
