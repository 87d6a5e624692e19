package dev.linden.backend;

import dev.linden.model.Entry;
import dev.linden.model.LdapException;

/** Looks at an entry inside the write transaction about to change it; throwing leaves everything as it was. */
@FunctionalInterface
public interface EntryCheck {
    EntryCheck NONE = entry -> {};

    void check(Entry entry) throws LdapException;
}
