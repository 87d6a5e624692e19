package dev.linden.backend;

/** Facts about an entry's place in the tree, answered from the transaction a search runs in. */
public interface BackendView {
    int countChildren(long id);

    boolean hasChildren(long id);
}
