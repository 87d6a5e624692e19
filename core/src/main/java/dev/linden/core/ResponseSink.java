package dev.linden.core;

import dev.linden.protocol.LdapMessage;

/** Where an operation's responses go: the connection, in order. */
@FunctionalInterface
public interface ResponseSink {
    void send(LdapMessage message);
}
