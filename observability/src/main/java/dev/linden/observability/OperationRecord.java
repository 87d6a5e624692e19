package dev.linden.observability;

import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.model.Dn;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.op.ResultResponse;

/**
 * One finished operation, as the observers (access log, metrics, detection) see it.
 *
 * @param session the connection it came on
 * @param request the request as received
 * @param kind its kind
 * @param response the final response, or null when none was sent (abandoned, unbind, abandon)
 * @param entries search entries sent
 * @param nanos time from receipt by the dispatcher to its final response
 * @param identity the connection's identity when it finished (after a bind: the new one)
 * @param bind for binds, what was tried and how it ended; null otherwise
 * @param enforced whether detection throttled or refused it
 */
public record OperationRecord(
        Session session,
        LdapMessage request,
        OperationKind kind,
        Response response,
        int entries,
        long nanos,
        Dn identity,
        BindOutcome bind,
        DetectionSettings.Action enforced) {

    static OperationRecord of(
            OperationContext ctx,
            OperationKind kind,
            Response response,
            OperationScope scope,
            long nanos,
            BindOutcome bind) {
        return new OperationRecord(
                ctx.session(),
                ctx.request(),
                kind,
                response,
                scope.entries(),
                nanos,
                ctx.session().boundDn(),
                bind,
                scope.enforced());
    }

    /** The result of the final response; null when there was none. */
    public LdapResult result() {
        return response != null && response.op() instanceof ResultResponse r ? r.result() : null;
    }
}
