package dev.linden.core.sasl;

import dev.linden.core.Session;

/** A SASL mechanism (RFC 4422) offered by the bind operation. */
public interface SaslMechanism {
    /** The registered name (RFC 4422 3.1), upper case. */
    String name();

    /** Starts an exchange for this connection. */
    SaslExchange begin(Session session);
}
