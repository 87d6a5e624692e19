package dev.linden.observability;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.RunOnWorker;
import dev.linden.protocol.op.BindRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost decorator: times each operation once, counts its search entries once, describes a
 * bind's outcome, and hands the finished operation to each observer (statistics, metrics, access
 * log, detection) in turn. An observer that fails is logged and never fails the operation.
 */
public final class InstrumentedHandler implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(InstrumentedHandler.class);
    private final RequestHandler next;
    private final OperationStats stats;
    private final BindClassifier binds;
    private final OperationObserver[] observers;

    public InstrumentedHandler(
            RequestHandler next, OperationStats stats, BindClassifier binds, List<OperationObserver> observers) {
        this.next = next;
        this.stats = stats;
        this.binds = binds;
        this.observers = observers.toArray(OperationObserver[]::new);
    }

    @Override
    public Response dispatch(OperationContext ctx) {
        OperationKind kind = OperationKind.of(ctx.request().op());
        stats.started(kind);
        OperationScope scope = new OperationScope(ctx.sink());
        long started = System.nanoTime();
        long startedMillis = kind == OperationKind.BIND ? System.currentTimeMillis() : 0;
        Response response = null;
        boolean moved = false;
        try {
            response = next.dispatch(ctx.withSink(scope));
            return response;
        } catch (RunOnWorker e) {
            moved = true; // tried on the network thread: recorded when it runs again on a worker
            stats.withdrawn(kind);
            throw e;
        } finally {
            if (!moved) {
                completed(ctx, kind, response, scope, System.nanoTime() - started, startedMillis);
            }
        }
    }

    private void completed(
            OperationContext ctx,
            OperationKind kind,
            Response response,
            OperationScope scope,
            long nanos,
            long startedMillis) {
        BindOutcome bind = null;
        if (ctx.request().op() instanceof BindRequest b) {
            try {
                bind = binds.outcome(ctx.session(), b, response, startedMillis);
            } catch (RuntimeException e) {
                log.warn("could not describe a bind's outcome", e);
            }
        }
        OperationRecord record = OperationRecord.of(ctx, kind, response, scope, nanos, bind);
        for (OperationObserver o : observers) {
            try {
                o.completed(record);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on {}", o.getClass().getSimpleName(), kind, e);
            }
        }
    }
}
