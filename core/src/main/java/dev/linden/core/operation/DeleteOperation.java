package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.control.KnownControls;
import dev.linden.core.referral.Referrals;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.DeleteRequest;
import dev.linden.protocol.op.DeleteResponse;

/**
 * Delete (RFC 4511 4.8): a leaf entry only, the transaction checking existence and leafness; or, with
 * the subtree delete control, the entry and everything below it in one transaction, as long as the
 * asker may delete each of them and they are no more than {@code extensions.subtreeDeleteLimit}.
 */
public final class DeleteOperation {
    private final Directory directory;
    private final AccessPolicy access;
    private final EntryReads reads;
    private final Referrals referrals;

    public DeleteOperation(Directory directory, AccessPolicy access) {
        this.directory = directory;
        this.access = access;
        this.reads = new EntryReads(directory, access);
        this.referrals =
                new Referrals(directory.schema(), directory.extensions().defaultReferrals());
    }

    public Response execute(OperationContext ctx, DeleteRequest request) throws LdapException {
        AccessContext actx = access.context(ctx.session());
        UpdateControls controls = UpdateControls.of(ctx, actx, reads);
        Dn dn = Requests.dn(request.dn(), directory.schema());
        access.refuseLiveWrite(access.context(ctx.session()), dn); // cn=Monitor is read-only
        if (dn.isRoot()) {
            throw new LdapException(ResultCode.NO_SUCH_OBJECT, "");
        }
        if (directory.backend().suffixOf(dn) == null) {
            throw referrals.outside(dn, null);
        }
        if (!Referrals.manageDsaIt(ctx)) {
            referrals.refer(directory.backend(), dn, null);
        }
        access.require(actx, access.visible(actx, dn), Right.DELETE);
        if (KnownControls.find(ctx.request().controls(), Oids.SUBTREE_DELETE) != null) {
            // the whole subtree in one transaction, each entry's own delete right checked in it
            directory
                    .backend()
                    .deleteSubtree(
                            dn,
                            entry -> {
                                access.require(actx, entry, Right.DELETE);
                                if (entry.dn().equals(dn)) {
                                    controls.before(entry);
                                }
                            },
                            directory.extensions().subtreeDeleteLimit());
            return new Response(new DeleteResponse(LdapResult.success()), controls.responses());
        }
        directory.backend().delete(dn, controls::before);
        return new Response(new DeleteResponse(LdapResult.success()), controls.responses());
    }
}
