package dev.linden.server;

/**
 * What the connections of both listeners share: the limits, the worker pool and the count of
 * operations waiting for clients that do not read.
 */
record Transport(Limits limits, WorkerPool workers, WaitingWriters waitingWriters) {
    Transport(Limits limits, WorkerPool workers) {
        this(limits, workers, new WaitingWriters(WaitingWriters.MAX));
    }
}
