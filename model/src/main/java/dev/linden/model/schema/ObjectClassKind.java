package dev.linden.model.schema;

/** The kind of an object class (RFC 4512 section 2.4). */
public enum ObjectClassKind {
    ABSTRACT,
    STRUCTURAL,
    AUXILIARY
}
