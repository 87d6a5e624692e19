package dev.linden.backend;

import dev.linden.model.Entry;
import dev.linden.model.LdapException;

/** Computes an entry's new state from its current one, inside the write transaction that stores it. */
@FunctionalInterface
public interface EntryUpdate {
    Entry apply(Entry current) throws LdapException;
}
