package dev.linden.core;

/**
 * What one search may cost (0: no limit): entries returned, seconds spent, and entries an unindexed
 * search may examine before it is refused with adminLimitExceeded.
 */
public record SearchLimits(int sizeLimit, int timeLimitSeconds, int unindexedLimit) {
    /** For anonymous clients, when anonymous reading is allowed at all: small. */
    public static final SearchLimits ANONYMOUS_DEFAULT = new SearchLimits(100, 60, 1_000);
}
