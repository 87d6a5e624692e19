package dev.linden.backend;

import dev.linden.model.Entry;
import dev.linden.protocol.filter.Filter;

/**
 * Whether a dynamic group's memberURL may select an entry for the one asking: the asker must be
 * able to find the entry with that URL's search (read it, and search the attributes its filter
 * tests), so a dynamic group never reveals more than the asker could find by searching.
 */
@FunctionalInterface
public interface Selection {
    /** The server's own view: every entry the URL matches. */
    Selection SERVER = (entry, filter) -> true;

    boolean maySelect(Entry entry, Filter filter);
}
