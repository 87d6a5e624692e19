package dev.linden.protocol;

/** A request or response control as it travels (RFC 4511 section 4.1.11); its value is decoded by whoever knows its OID. */
public record Control(String oid, boolean critical, byte[] value) {}
