package dev.linden.protocol;

/** The derefAliases field of a search request. */
public enum DerefAliases {
    NEVER,
    IN_SEARCHING,
    FINDING_BASE,
    ALWAYS
}
