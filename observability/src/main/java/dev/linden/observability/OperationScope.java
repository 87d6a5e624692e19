package dev.linden.observability;

import dev.linden.core.ResponseSink;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.op.SearchResultEntry;

/**
 * The sink one observed operation writes to: it passes every response on and counts the search
 * entries, and carries what the decorators inside learnt about the operation (that detection
 * refused or delayed it). Used by the one worker thread that runs the operation.
 */
public final class OperationScope implements ResponseSink {
    private final ResponseSink downstream;
    private int entries;
    private DetectionSettings.Action enforced = DetectionSettings.Action.NONE;

    OperationScope(ResponseSink downstream) {
        this.downstream = downstream;
    }

    @Override
    public void send(LdapMessage message) {
        if (message.op() instanceof SearchResultEntry) {
            entries++;
        }
        downstream.send(message);
    }

    @Override
    public void flush() {
        downstream.flush();
    }

    @Override
    public boolean onNetworkThread() {
        return downstream.onNetworkThread();
    }

    @Override
    public boolean idle(Wait wait) throws InterruptedException {
        return downstream.idle(wait);
    }

    public int entries() {
        return entries;
    }

    /** Records that detection throttled or blocked this operation. */
    public void enforced(DetectionSettings.Action action) {
        this.enforced = action;
    }

    public DetectionSettings.Action enforced() {
        return enforced;
    }
}
