package dev.linden.backend;

/** What an attribute index holds: values (equality), presence, or substrings (3-grams of values). */
public enum IndexKind {
    EQUALITY,
    PRESENCE,
    SUBSTRING
}
