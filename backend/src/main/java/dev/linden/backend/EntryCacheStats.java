package dev.linden.backend;

/**
 * What the decoded-entry cache holds and how well it serves: its budget and the estimated bytes in
 * use, the entries held, and the reads it answered (hits) or decoded (misses) since start.
 */
public record EntryCacheStats(long maxBytes, long bytes, long entries, long hits, long misses) {}
