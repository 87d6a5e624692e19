package dev.linden.observability.security;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.Responses;
import dev.linden.core.RunOnWorker;
import dev.linden.core.Session;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.DetectionSettings.Action;
import dev.linden.observability.OperationScope;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindRequest;
import java.util.concurrent.Semaphore;

/**
 * Applies the detections' actions before an operation runs: an offender under "block" is refused
 * (unwillingToPerform), one under "throttle" waits {@code throttleDelayMillis} on its worker thread
 * first — and when {@code maxDelayedOperations} already wait, is answered busy at once, so an
 * offender never holds every worker. Offenders are client addresses, bound identities, and (for
 * binds) the account named — except from the account's familiar addresses, where its owner binds:
 * a penalty for guessing elsewhere never reaches them. While nobody is penalised this costs one
 * volatile read.
 */
public final class EnforcingHandler implements RequestHandler {
    private final RequestHandler next;
    private final Detector detector;
    private final Offenders offenders;
    private final Schema schema;
    private final long delayMillis;
    private final Semaphore delaying;

    public EnforcingHandler(RequestHandler next, Detector detector, DetectionSettings settings, Schema schema) {
        this.next = next;
        this.detector = detector;
        this.offenders = detector.offenders();
        this.schema = schema;
        this.delayMillis = settings.throttleDelayMillis();
        this.delaying = new Semaphore(settings.maxDelayedOperations());
    }

    @Override
    public Response dispatch(OperationContext ctx) {
        if (!offenders.any()) {
            return next.dispatch(ctx);
        }
        Offenders.Penalty penalty = penalty(ctx);
        if (penalty == null) {
            return next.dispatch(ctx);
        }
        OperationScope scope = ctx.sink() instanceof OperationScope s ? s : null;
        if (penalty.action() == Action.BLOCK) {
            offenders.refused();
            mark(scope, Action.BLOCK);
            return refuse(
                    ctx, ResultCode.UNWILLING_TO_PERFORM, "refused for a while: suspected " + penalty.detection());
        }
        if (ctx.sink().onNetworkThread()) {
            throw RunOnWorker.INSTANCE; // a delay must not hold the connections of a network thread
        }
        if (!delaying.tryAcquire()) {
            offenders.refused();
            mark(scope, Action.BLOCK);
            return refuse(ctx, ResultCode.BUSY, "too busy for this client now: suspected " + penalty.detection());
        }
        offenders.delayed();
        mark(scope, Action.THROTTLE);
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(ctx, ResultCode.UNAVAILABLE, "server is shutting down");
        } finally {
            delaying.release();
        }
        return next.dispatch(ctx);
    }

    private Offenders.Penalty penalty(OperationContext ctx) {
        Session session = ctx.session();
        String host = session.clientHost();
        if (detector.isExemptAddress(host)) {
            return null;
        }
        long now = detector.now();
        Offenders.Penalty worst = offenders.find("address:" + AddressKeys.of(host), now);
        if (!session.isAnonymous()) {
            String identity = session.boundDn().normalized();
            if (detector.isExemptIdentity(identity)) {
                return null;
            }
            worst = worse(worst, offenders.find("identity:" + identity, now));
        }
        if (ctx.request().op() instanceof BindRequest b
                && b.isSimple()
                && !b.name().isEmpty()) {
            try {
                String account = DnSyntax.parse(b.name(), schema).normalized();
                if (!detector.isFamiliar(account, session.clientAddress())) {
                    worst = worse(worst, offenders.find("account:" + account, now));
                }
            } catch (LdapException | RuntimeException e) {
                // not a DN: the bind fails on its own
            }
        }
        return worst;
    }

    private static Offenders.Penalty worse(Offenders.Penalty a, Offenders.Penalty b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.action().compareTo(a.action()) > 0 ? b : a;
    }

    private static void mark(OperationScope scope, Action action) {
        if (scope != null) {
            scope.enforced(action);
        }
    }

    private static Response refuse(OperationContext ctx, ResultCode code, String message) {
        return new Response(Responses.forRequest(ctx.request().op(), LdapResult.of(code, message)));
    }
}
