package dev.linden.model;

/**
 * One attribute value assertion of an RDN: the attribute type's name as the schema defines it (the
 * first of its names, or its OID: slapd shows {@code CN=x}, {@code commonName=x} and {@code 2.5.4.3=x}
 * alike as {@code cn=x}), the value as the client wrote it once unescaped, and their normalised forms
 * (lower-case type name, value under the attribute's equality rule) for matching.
 */
public record Ava(String type, String value, String normType, String normValue) {}
