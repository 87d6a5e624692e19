package dev.linden.backend;

import dev.linden.model.Entry;
import dev.linden.model.LdapException;

/** Receives the entries a search examines, inside the backend's read transaction. */
@FunctionalInterface
public interface SearchScan {
    /** Handles one entry in scope (not yet checked against the filter); false stops the search. */
    boolean accept(long id, Entry entry, EntryCodec.Stored stored, BackendView view) throws LdapException;

    /**
     * The most entries this scan lets a walk examine (the filter's candidates, a one-level or unindexed
     * listing); a walk that would examine more calls {@link #tooMany} before examining any.
     */
    default int examineAtMost() {
        return Integer.MAX_VALUE;
    }

    /** The walk would examine more than {@link #examineAtMost} entries: the scan throws to stop it. */
    default void tooMany() {}
}
