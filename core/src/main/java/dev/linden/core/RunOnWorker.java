package dev.linden.core;

/**
 * Thrown by an operation tried on its connection's network thread (see {@link
 * ResponseSink#onNetworkThread}) when it turns out not to be quick: it would examine many entries,
 * send many bytes, or wait (a delay, room in the socket, a disk write). The transport drops what it
 * sent so far and runs the request again on a worker, so the attempt must have changed nothing; the
 * layers that record a finished operation (logs, metrics, security events) let it pass unrecorded.
 */
public final class RunOnWorker extends RuntimeException {
    public static final RunOnWorker INSTANCE = new RunOnWorker();

    private RunOnWorker() {
        super("run on a worker", null, false, false); // a signal, thrown often: no stack trace
    }
}
