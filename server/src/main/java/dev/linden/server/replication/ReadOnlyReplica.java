package dev.linden.server.replication;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.Responses;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.AddRequest;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ModifyDnRequest;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.ProtocolOp;
import java.util.List;

/**
 * A replica's answer to writes from clients: its content is the provider's, so a client that writes
 * here is sent to the provider (a referral, as slapd's updateref) or refused. Reads, binds (and the
 * password policy state a bind writes) and the replication itself are not affected.
 */
public final class ReadOnlyReplica implements RequestHandler {
    private static final String PASSWORD_MODIFY = "1.3.6.1.4.1.4203.1.11.1";
    private final RequestHandler next;
    private final ReplicationSettings.ReadOnly mode;
    private final List<String> referrals;

    public ReadOnlyReplica(RequestHandler next, ReplicationSettings.ReadOnly mode, String provider) {
        this.next = next;
        this.mode = mode;
        this.referrals = List.of(provider.endsWith("/") ? provider : provider + "/");
    }

    @Override
    public Response dispatch(OperationContext ctx) {
        ProtocolOp op = ctx.request().op();
        boolean write = op instanceof AddRequest
                || op instanceof DeleteRequest
                || op instanceof ModifyRequest
                || op instanceof ModifyDnRequest
                || op instanceof ExtendedRequest x && PASSWORD_MODIFY.equals(x.oid());
        if (!write || mode == ReplicationSettings.ReadOnly.OFF) {
            return next.dispatch(ctx);
        }
        LdapResult result = mode == ReplicationSettings.ReadOnly.REFERRAL
                ? new LdapResult(ResultCode.REFERRAL, "", "this server is a replica: write to its provider", referrals)
                : new LdapResult(ResultCode.UNWILLING_TO_PERFORM, "", "this server is a read-only replica", List.of());
        return new Response(Responses.forRequest(op, result));
    }
}
