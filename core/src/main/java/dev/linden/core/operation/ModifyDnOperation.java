package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.referral.Referrals;
import dev.linden.core.schema.SchemaChecker;
import dev.linden.model.Attribute;
import dev.linden.model.Ava;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.Rdn;
import dev.linden.model.schema.AttributeType;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ModifyDnRequest;
import dev.linden.protocol.op.ModifyDnResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * ModifyDN (RFC 4511 4.9): rename and/or move an entry with its whole subtree. The new RDN's
 * values are added to the entry; with deleteOldRdn the old RDN's values are removed. The backend
 * moves the subtree in the same transaction.
 */
public final class ModifyDnOperation {
    private final Directory directory;
    private final AccessPolicy access;
    private final SchemaChecker checker;
    private final OperationalStamp stamp;
    private final EntryReads reads;
    private final Referrals referrals;
    private final dev.linden.core.alias.Aliases aliases;

    public ModifyDnOperation(Directory directory, AccessPolicy access) {
        this.directory = directory;
        this.access = access;
        this.checker = new SchemaChecker(directory.schema());
        this.stamp = new OperationalStamp(directory.schema());
        this.reads = new EntryReads(directory, access);
        this.referrals =
                new Referrals(directory.schema(), directory.extensions().defaultReferrals());
        this.aliases = new dev.linden.core.alias.Aliases(directory.schema());
    }

    public Response execute(OperationContext ctx, ModifyDnRequest request) throws LdapException {
        var schema = directory.schema();
        AccessContext actx = access.context(ctx.session());
        UpdateControls controls = UpdateControls.of(ctx, actx, reads);
        Dn dn = Requests.dn(request.dn(), schema);
        access.refuseLiveWrite(access.context(ctx.session()), dn); // cn=Monitor is read-only
        Rdn newRdn = DnSyntax.parseRdn(request.newRdn(), schema);
        Dn newParent = request.newSuperior() == null ? dn.parent() : Requests.dn(request.newSuperior(), schema);
        if (dn.isRoot()) {
            throw new LdapException(ResultCode.NO_SUCH_OBJECT, "");
        }
        if (directory.backend().suffixOf(dn) == null) {
            throw referrals.outside(dn, null);
        }
        if (!Referrals.manageDsaIt(ctx)) {
            referrals.refer(directory.backend(), dn, null);
        }
        if (directory.backend().config().suffixes().contains(dn)) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "cannot rename a naming context");
        }
        if (newParent == null
                || directory.backend().suffixOf(newParent)
                        != directory.backend().suffixOf(dn)) {
            throw new LdapException(
                    ResultCode.AFFECTS_MULTIPLE_DSAS, "cannot move the entry to another naming context");
        }
        access.visible(actx, dn);
        if (request.newSuperior() != null) {
            dev.linden.model.Entry superior;
            try {
                superior = access.visible(actx, newParent);
            } catch (LdapException e) { // a missing new superior has no matchedDN in slapd's answer
                throw new LdapException(ResultCode.NO_SUCH_OBJECT, e.getMessage());
            }
            if (aliases.isAlias(superior)) { // an alias has no children (RFC 4512 2.6), as slapd refuses
                throw new LdapException(ResultCode.ALIAS_PROBLEM, "newSuperior is an alias");
            }
        }
        Dn newDn = newParent.child(newRdn);
        var stored = directory.backend().rename(dn, newDn, entry -> {
            access.require(actx, entry, Right.WRITE);
            controls.before(entry);
            if (request.deleteOldRdn()) {
                // all of them, even those the new RDN repeats: uid=c1 renamed uid=C1 ends with uid: C1, as in slapd
                for (Ava old : dn.rdn().avas()) {
                    if (!schema.attributeType(old.type())
                            .isNoUserModification()) { // entryUUID of a conflict name stays
                        removeValue(entry, old);
                    }
                }
            }
            RdnValues.addMissing(entry, newRdn, schema);
            entry.setDn(newDn);
            access.require(actx, entry, Right.ADD); // and may the entry exist where it goes
            checker.check(entry);
            stamp.modified(entry, ctx.session().boundDn(), directory.clock().instant());
            return entry;
        });
        controls.after(stored);
        return new Response(new ModifyDnResponse(LdapResult.success()), controls.responses());
    }

    private void removeValue(dev.linden.model.Entry entry, Ava ava) {
        AttributeType type = directory.schema().attributeType(ava.type());
        Attribute a = entry.get(type);
        if (a == null) {
            return;
        }
        List<byte[]> values = new ArrayList<>();
        List<String> norms = a.normalizedValues(directory.schema());
        for (int i = 0; i < a.size(); i++) {
            if (!norms.get(i).equals(ava.normValue())) {
                values.add(a.values().get(i));
            }
        }
        entry.put(a.withValues(values));
    }
}
