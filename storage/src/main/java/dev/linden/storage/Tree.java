package dev.linden.storage;

/** A named, ordered key/value tree of a storage (an LMDB database); keys order as unsigned bytes. */
public interface Tree {
    String name();
}
