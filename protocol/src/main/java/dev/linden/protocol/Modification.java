package dev.linden.protocol;

/** One change of a modify request. */
public record Modification(ModOp op, PartialAttribute attribute) {}
