package dev.linden.protocol;

/** The operation of one change in a modify request (RFC 4511 and RFC 4525 for increment). */
public enum ModOp {
    ADD,
    DELETE,
    REPLACE,
    INCREMENT
}
