package dev.linden.core.control;

/** A paged search in progress (RFC 2696): the IDs of the entries that matched, and how many were sent. */
public final class PagedSearch {
    private final long[] ids;
    private int position;
    private final String fingerprint;

    public PagedSearch(long[] ids, String fingerprint) {
        this.ids = ids;
        this.fingerprint = fingerprint;
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
