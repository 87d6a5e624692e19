package dev.linden.core.control;

/** A paged search in progress (RFC 2696): the IDs of the entries that matched, and how many were sent. */
public final class PagedSearch {
    private final long[] ids;
    private int position;
    private final String fingerprint;
    private final boolean cut;
    private final boolean sorted;

    /**
     * @param cut whether the size limit cut the list short: its last page answers sizeLimitExceeded
     * @param sorted whether the list is in the order of a sort control, whose result each page carries
     */
    public PagedSearch(long[] ids, String fingerprint, boolean cut, boolean sorted) {
        this.ids = ids;
        this.fingerprint = fingerprint;
        this.cut = cut;
        this.sorted = sorted;
    }

    public boolean sorted() {
        return sorted;
    }

    /** Whether the size limit stopped the walk with more entries to come (the limit counts over all pages). */
    public boolean cut() {
        return cut;
    }

    public long[] ids() {
        return ids;
    }

    public int position() {
        return position;
    }

    public void advance(int count) {
        position += count;
    }

    public boolean done() {
        return position >= ids.length;
    }

    /** The search it belongs to: a cookie is only valid for the same base, scope, filter and attributes. */
    public String fingerprint() {
        return fingerprint;
    }
}
