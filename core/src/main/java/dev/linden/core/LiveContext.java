package dev.linden.core;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import java.util.List;

/**
 * A read-only naming context whose entries come from live data instead of the store (cn=Monitor).
 * The ordinary operations answer it — search and compare through the same access rules, limits and
 * checks as any entry, writes with unwillingToPerform — so nothing about it bypasses the dispatcher.
 */
public interface LiveContext {
    /** The context's top entry's DN. */
    Dn suffix();

    /** Every entry of the context as of now, parents before children. */
    List<Entry> entries();

    /**
     * Whether an operation made through proxied authorization may see it. cn=Monitor says no: who may
     * read it is a server operator's question, not one a proxy user may answer by naming someone else.
     */
    default boolean allowsProxied() {
        return false;
    }
}
