package dev.linden.backend;

import dev.linden.storage.ReadTx;
import dev.linden.storage.Storage;
import dev.linden.storage.Tree;
import dev.linden.storage.WriteTx;

/** Entry records by ID, in the {@link EntryCodec} form. */
final class Id2Entry {
    private final Tree tree;

    Id2Entry(Storage storage) {
        this.tree = storage.tree("id2entry");
    }

    byte[] get(ReadTx tx, long id) {
        return tx.get(tree, Ids.bytes(id));
    }

    void put(WriteTx tx, long id, byte[] record) {
        tx.put(tree, Ids.bytes(id), record);
    }

    /** The record of a new entry: its ID, from a counter, is the highest. */
    void add(WriteTx tx, long id, byte[] record) {
        tx.append(tree, Ids.bytes(id), record);
    }

    void delete(WriteTx tx, long id) {
        tx.delete(tree, Ids.bytes(id));
    }
}
