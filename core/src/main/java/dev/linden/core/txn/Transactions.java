package dev.linden.core.txn;

import dev.linden.backend.Backend;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.core.control.KnownControls;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ExtendedResponse;
import dev.linden.protocol.op.ProtocolOp;
import dev.linden.protocol.op.ResultResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * LDAP transactions (RFC 5805), as slapd answers them: Start Transaction gives an identifier (one
 * transaction per connection at a time); each update sent with the transaction specification control
 * is queued and answered success at once; End Transaction either drops them (abort) or runs them in
 * order in one store transaction ({@link Backend#transaction}): all of them are committed, or — at the
 * first that fails — none, the End answering that update's result and naming its message ID.
 */
public final class Transactions {
    private final Backend backend;
    private final RequestHandler replay;
    private final int maxUpdates;

    /**
     * @param replay runs a queued update in full (controls, access, the operation) — the dispatcher
     * @param maxUpdates the most updates one transaction holds
     */
    public Transactions(Backend backend, RequestHandler replay, int maxUpdates) {
        this.backend = backend;
        this.replay = replay;
        this.maxUpdates = maxUpdates;
    }

    /** Whether this extended operation is one of the transaction's (start or end). */
    public static boolean handles(String oid) {
        return oid.equals(Oids.START_TRANSACTION) || oid.equals(Oids.END_TRANSACTION);
    }

    /** The transaction specification control of an update, or null when it is not part of a transaction. */
    public static Control control(OperationContext ctx) {
        return KnownControls.applies(
                        Oids.TRANSACTION_SPECIFICATION, ctx.request().op())
                ? KnownControls.find(ctx.request().controls(), Oids.TRANSACTION_SPECIFICATION)
                : null;
    }

    public Response extended(OperationContext ctx, ExtendedRequest request) throws LdapException {
        return request.oid().equals(Oids.START_TRANSACTION) ? start(ctx.session(), request) : end(ctx, request);
    }

    private Response start(Session session, ExtendedRequest request) throws LdapException {
        if (request.value() != null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "start transaction request value not absent");
        }
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        if (!session.startTransaction(new PendingTransaction(id))) {
            throw new LdapException(ResultCode.BUSY, "a transaction is already in progress"); // slapd's answer
        }
        return new Response(new ExtendedResponse(LdapResult.success(), null, id));
    }

    /** Queues an update sent under a transaction; answers success (it is done, or not, at the end). */
    public Response queue(OperationContext ctx, Control control) throws LdapException {
        PendingTransaction txn = ctx.session().transaction();
        if (control.value() == null || txn == null || !txn.is(control.value())) {
            throw new LdapException(ResultCode.TXN_ID_INVALID, "invalid transaction identifier");
        }
        if (txn.size() >= maxUpdates) {
            throw new LdapException(
                    ResultCode.ADMIN_LIMIT_EXCEEDED, "a transaction holds at most " + maxUpdates + " updates");
        }
        txn.add(ctx);
        return new Response(forRequest(ctx.request().op(), LdapResult.success()));
    }

    private Response end(OperationContext ctx, ExtendedRequest request) throws LdapException {
        boolean commit = true;
        byte[] id;
        if (request.value() == null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "end transaction request value is absent");
        }
        try {
            BerReader r = new BerReader(request.value()).readSequence(BerTags.SEQUENCE);
            if (r.peekTag() == BerTags.BOOLEAN) {
                commit = r.readBoolean();
            }
            // an OCTET STRING; read under whatever tag it comes with, as slapd does (the UnboundID SDK sends
            // back the tag of the start response's value, [11])
            id = r.readOctetString(r.peekTag());
            r.expectEnd("the end transaction request");
        } catch (BerException e) {
            throw new LdapException(
                    ResultCode.PROTOCOL_ERROR, "end transaction request value is not valid: " + e.getMessage());
        }
        PendingTransaction txn = ctx.session().endTransaction(id);
        if (txn == null) {
            throw new LdapException(ResultCode.TXN_ID_INVALID, "invalid transaction identifier");
        }
        if (!commit) {
            return new Response(new ExtendedResponse(LdapResult.success(), null, null));
        }
        if (txn.size() == 0) { // slapd's answer
            throw new LdapException(ResultCode.OPERATIONS_ERROR, "no updates to commit");
        }
        List<byte[]> updateControls = new ArrayList<>();
        Failed[] failed = new Failed[1];
        try {
            backend.transaction(() -> {
                for (OperationContext update : txn.updates()) {
                    Response response = replay.dispatch(withoutControl(update));
                    LdapResult result = response == null
                            ? LdapResult.of(ResultCode.OTHER, "no response")
                            : ((ResultResponse) response.op()).result();
                    if (result.code() != ResultCode.SUCCESS) {
                        failed[0] = new Failed(update.request().messageId(), result);
                        throw new LdapException(result.code(), result.diagnosticMessage());
                    }
                    if (!response.controls().isEmpty()) {
                        updateControls.add(updateControls(update.request().messageId(), response.controls()));
                    }
                }
                return null;
            });
        } catch (LdapException e) {
            if (failed[0] == null) {
                throw e;
            }
            LdapResult r =
                    failed[0].result(); // its code and message; its matchedDN belongs to the update, as slapd has it
            return new Response(new ExtendedResponse(
                    LdapResult.of(r.code(), r.diagnosticMessage()), null, endValue(failed[0].messageId(), List.of())));
        }
        return new Response(new ExtendedResponse(
                LdapResult.success(), null, updateControls.isEmpty() ? null : endValue(-1, updateControls)));
    }

    private record Failed(int messageId, LdapResult result) {}

    /** The update as queued, without the transaction control, so that running it does not queue it again. */
    private static OperationContext withoutControl(OperationContext ctx) {
        List<Control> rest = ctx.request().controls().stream()
                .filter(c -> !c.oid().equals(Oids.TRANSACTION_SPECIFICATION))
                .toList();
        return new OperationContext(
                ctx.session(),
                new LdapMessage(ctx.request().messageId(), ctx.request().op(), rest),
                ctx.sink(),
                ctx.abandoned(),
                ctx.canceled());
    }

    /** updateControls ::= SEQUENCE { messageID, controls } (the controls as in an LDAPMessage, without its tag). */
    private static byte[] updateControls(int messageId, List<Control> controls) {
        BerWriter w = new BerWriter().begin(BerTags.SEQUENCE).integer(messageId);
        LdapEncoder.controls(BerTags.SEQUENCE, controls, w);
        return w.end().toByteArray();
    }

    /** txnEndRes ::= SEQUENCE { messageID OPTIONAL, updatesControls SEQUENCE OF updateControls OPTIONAL }. */
    private static byte[] endValue(int failedMessageId, List<byte[]> updateControls) {
        BerWriter w = new BerWriter().begin(BerTags.SEQUENCE);
        if (failedMessageId >= 0) {
            w.integer(failedMessageId);
        }
        if (!updateControls.isEmpty()) {
            w.begin(BerTags.SEQUENCE);
            updateControls.forEach(u -> w.raw(u, 0, u.length));
            w.end();
        }
        return w.end().toByteArray();
    }

    private static ProtocolOp forRequest(ProtocolOp request, LdapResult result) {
        return dev.linden.core.Responses.forRequest(request, result);
    }
}
