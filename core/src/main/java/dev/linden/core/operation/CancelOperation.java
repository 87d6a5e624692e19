package dev.linden.core.operation;

import dev.linden.core.InFlight;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.model.LdapException;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.op.AbandonRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ExtendedResponse;
import dev.linden.protocol.op.ProtocolOp;
import dev.linden.protocol.op.UnbindRequest;

/**
 * Cancel (RFC 3909): cancelRequestValue ::= SEQUENCE { cancelID MessageID }. The target, a request of
 * the same connection not yet answered, is asked to stop; the Cancel answers once the target has:
 * success when it stopped (it answered canceled), tooLate when it had finished its work first,
 * noSuchOperation when there is no such request, cannotCancel for Bind, Unbind, Abandon, StartTLS and
 * Cancel. The wait lends its worker thread (a persistent search may take a second to notice).
 */
final class CancelOperation {
    private static final long WAKE_MILLIS = 1000;

    Response execute(OperationContext ctx, ExtendedRequest request) throws LdapException {
        int id = cancelId(request);
        InFlight.Request target = id == ctx.request().messageId()
                ? null
                : ctx.session().inFlight().get(id);
        if (target == null) {
            throw new LdapException(ResultCode.NO_SUCH_OPERATION, "no such operation");
        }
        if (!cancelable(target.op())) {
            throw new LdapException(ResultCode.CANNOT_CANCEL, "this operation cannot be canceled");
        }
        target.canceled().set(true);
        try {
            while (!ctx.isAbandoned() && !ctx.sink().idle(() -> target.awaitAnswered(WAKE_MILLIS))) {
                // the target notices within a second: searches check between entries and while they wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LdapException(ResultCode.OTHER, "interrupted");
        }
        if (!target.wasStopped()) {
            throw new LdapException(ResultCode.TOO_LATE, "the operation had already finished");
        }
        return new Response(new ExtendedResponse(LdapResult.success(), null, null));
    }

    private static int cancelId(ExtendedRequest request) throws LdapException {
        if (request.value() == null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "cancel request value is absent");
        }
        try {
            BerReader r = new BerReader(request.value()).readSequence(BerTags.SEQUENCE);
            int id = r.readIntInRange(BerTags.INTEGER, 0, Integer.MAX_VALUE, "cancelID");
            r.expectEnd("the cancel request");
            return id;
        } catch (BerException e) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "cancel request value is not valid: " + e.getMessage());
        }
    }

    private static boolean cancelable(ProtocolOp op) {
        return switch (op) {
            case BindRequest b -> false;
            case UnbindRequest u -> false;
            case AbandonRequest a -> false;
            case ExtendedRequest x ->
                !x.oid().equals(Oids.START_TLS) && !x.oid().equals(Oids.CANCEL);
            default -> true;
        };
    }
}
