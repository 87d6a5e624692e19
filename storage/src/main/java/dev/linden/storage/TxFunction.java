package dev.linden.storage;

/** Work done inside a transaction; it may throw its own checked exception, which aborts a write. */
@FunctionalInterface
public interface TxFunction<X, T, E extends Exception> {
    T apply(X tx) throws E;
}
