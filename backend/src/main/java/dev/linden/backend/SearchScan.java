package dev.linden.backend;

import dev.linden.model.Entry;
import dev.linden.model.LdapException;

/** Receives the entries a search examines, inside the backend's read transaction. */
@FunctionalInterface
public interface SearchScan {
    /** Handles one entry in scope (not yet checked against the filter); false stops the search. */
    boolean accept(long id, Entry entry, EntryCodec.Stored stored, BackendView view) throws LdapException;
}
