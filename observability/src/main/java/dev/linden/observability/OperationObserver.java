package dev.linden.observability;

/** Told about every finished operation, on the thread that ran it: must be quick and must not block. */
@FunctionalInterface
public interface OperationObserver {
    void completed(OperationRecord record);
}
