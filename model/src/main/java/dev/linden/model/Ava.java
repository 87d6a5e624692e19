package dev.linden.model;

/**
 * One attribute value assertion of an RDN: the type as written, the value as a string, and their
 * normalised forms (canonical type name, value under the attribute's equality rule).
 */
public record Ava(String type, String value, String normType, String normValue) {
}
