package dev.linden.server;

/**
 * What the connections of both listeners share: the limits, the worker pool, the idle connections
 * that make room when the server is full, and the count of operations waiting for clients that do
 * not read.
 */
record Transport(Limits limits, WorkerPool workers, IdleConnections idle, WaitingWriters waitingWriters) {
    Transport(Limits limits, WorkerPool workers) {
        this(limits, workers, new IdleConnections(), new WaitingWriters(WaitingWriters.MAX));
    }
}
