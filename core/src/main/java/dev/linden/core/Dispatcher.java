package dev.linden.core;

import dev.linden.core.acl.AccessControl;
import dev.linden.core.acl.GroupMembership;
import dev.linden.core.control.KnownControls;
import dev.linden.core.netlogon.NetlogonAnswer;
import dev.linden.core.netlogon.NetlogonSettings;
import dev.linden.core.operation.AddOperation;
import dev.linden.core.operation.BindOperation;
import dev.linden.core.operation.CompareOperation;
import dev.linden.core.operation.DeleteOperation;
import dev.linden.core.operation.ExtendedOperation;
import dev.linden.core.operation.ModifyDnOperation;
import dev.linden.core.operation.ModifyOperation;
import dev.linden.core.operation.SearchOperation;
import dev.linden.core.ppolicy.PasswordPolicy;
import dev.linden.core.sasl.ProxiedAuthorization;
import dev.linden.core.throttle.BindThrottle;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.core.txn.Transactions;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch from request to operation. Errors thrown by an operation become the request's response
 * here and nowhere else; an unexpected failure is logged once and answered with "other".
 */
public final class Dispatcher implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final BindOperation bind;
    private final SearchOperation search;
    private final CompareOperation compare;
    private final AddOperation add;
    private final DeleteOperation delete;
    private final ModifyOperation modify;
    private final ModifyDnOperation modifyDn;
    private final ExtendedOperation extended;
    private final SecurityRules security;
    private final ProxiedAuthorization proxied;
    private final PasswordPolicy passwordPolicy;
    private final SecurityCounters securityCounters = new SecurityCounters();
    private final FamiliarAddresses familiarAddresses;
    private final Transactions transactions;

    public Dispatcher(Directory directory) {
        this(directory, null);
    }

    /** @param netlogon who this server says it is to LDAP pings (Active Directory clients), or null to ignore them */
    public Dispatcher(Directory directory, NetlogonSettings netlogon) {
        AccessPolicy access = new AccessPolicy(
                new AccessControl(
                        directory.config().accessRules(),
                        directory.schema(),
                        new GroupMembership(directory.backend()),
                        directory.config().rootDn()),
                directory.backend(),
                directory.live());
        this.familiarAddresses =
                new FamiliarAddresses(directory.config().throttle().familiarDays() * 86_400_000L, directory.clock());
        this.passwordPolicy = new PasswordPolicy(directory, securityCounters, familiarAddresses::forget);
        BindThrottle throttle =
                new BindThrottle(directory.config().throttle(), directory.clock(), securityCounters, familiarAddresses);
        this.bind = new BindOperation(directory, access, passwordPolicy, throttle);
        this.search = new SearchOperation(directory, access, netlogon == null ? null : new NetlogonAnswer(netlogon));
        this.compare = new CompareOperation(directory, access);
        this.add = new AddOperation(directory, access, passwordPolicy);
        this.delete = new DeleteOperation(directory, access);
        this.modify = new ModifyOperation(directory, access, passwordPolicy);
        this.modifyDn = new ModifyDnOperation(directory, access);
        this.extended = new ExtendedOperation(directory, access, passwordPolicy);
        this.security = directory.config().security();
        this.proxied = new ProxiedAuthorization(directory);
        this.transactions = new Transactions(
                directory.backend(), this::dispatch, directory.extensions().transactionOperations());
    }

    /** Failed binds, lockouts and throttling since start, as of now (for monitoring). */
    public SecurityCounters.Snapshot securityCounters() {
        return securityCounters.snapshot();
    }

    /** Where each account bound from successfully of late (detection spares them as the bind throttle does). */
    public FamiliarAddresses familiarAddresses() {
        return familiarAddresses;
    }

    /** Executes one request; returns its final response, or null when none is due (abandoned, unbind, abandon). */
    public Response dispatch(OperationContext request) {
        Response response = execute(request);
        if (response == null && request.isCanceled()) { // it stopped for a Cancel (RFC 3909): it says so
            request.session().inFlight().stopped(request.request().messageId());
            return new Response(Responses.forRequest(
                    request.request().op(), LdapResult.of(ResultCode.CANCELED, "operation canceled")));
        }
        return response;
    }

    private Response execute(OperationContext request) {
        OperationContext ctx = request;
        ProtocolOp op = ctx.request().op();
        try {
            checkControls(ctx, op);
            checkConfidentiality(ctx, op);
            Control txn = Transactions.control(ctx);
            if (txn != null) { // part of an LDAP transaction (RFC 5805): done, or not, at its end
                return transactions.queue(ctx, txn);
            }
            if (op instanceof ExtendedRequest x && Transactions.handles(x.oid())) {
                return transactions.extended(ctx, x);
            }
            ctx = proxied.apply(ctx, op); // the identity the operation runs as (RFC 4370)
            passwordPolicy.checkRestriction(ctx); // after an administrator reset: only a password change
            return switch (op) {
                case BindRequest r -> bind.execute(ctx, r);
                case SearchRequest r -> search.execute(ctx, r);
                case CompareRequest r -> compare.execute(ctx, r);
                case AddRequest r -> add.execute(ctx, r);
                case DeleteRequest r -> delete.execute(ctx, r);
                case ModifyRequest r -> modify.execute(ctx, r);
                case ModifyDnRequest r -> modifyDn.execute(ctx, r);
                case ExtendedRequest r -> extended.execute(ctx, r);
                case UnbindRequest r -> null;
                case AbandonRequest r -> null;
                case BindResponse r -> notARequest();
                case SearchResultEntry r -> notARequest();
                case SearchResultDone r -> notARequest();
                case SearchResultReference r -> notARequest();
                case ModifyResponse r -> notARequest();
                case AddResponse r -> notARequest();
                case DeleteResponse r -> notARequest();
                case ModifyDnResponse r -> notARequest();
                case CompareResponse r -> notARequest();
                case ExtendedResponse r -> notARequest();
                case IntermediateResponse r -> notARequest();
            };
        } catch (LdapException e) {
            if (ctx.isAbandoned()) {
                return null;
            }
            return new Response(Responses.forRequest(op, Responses.result(e)), e.controls());
        } catch (RunOnWorker e) {
            throw e; // not a failure: the transport runs the request again on a worker
        } catch (RuntimeException e) { // StorageException included: the store failed
            log.error("operation {} failed unexpectedly", op.getClass().getSimpleName(), e);
            return new Response(Responses.forRequest(op, LdapResult.of(ResultCode.OTHER, "internal error")));
        }
    }

    /** With TLS required for everything, only the root DSE (to discover StartTLS) may be read in clear. */
    private void checkConfidentiality(OperationContext ctx, ProtocolOp op) throws LdapException {
        if (!security.tlsForEverything() || security.isProtected(ctx.session())) {
            return;
        }
        boolean rootDse = op instanceof SearchRequest s
                && s.baseDn().isEmpty()
                && s.scope() == dev.linden.protocol.SearchScope.BASE;
        if (!rootDse) {
            throw new LdapException(ResultCode.CONFIDENTIALITY_REQUIRED, "TLS is required (use StartTLS or LDAPS)");
        }
    }

    private static Response notARequest() throws LdapException {
        throw new LdapException(ResultCode.PROTOCOL_ERROR, "a response is not a request");
    }

    private static void checkControls(OperationContext ctx, ProtocolOp op) throws LdapException {
        KnownControls.check(ctx.request().controls(), op);
    }
}
