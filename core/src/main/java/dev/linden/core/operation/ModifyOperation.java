package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.control.KnownControls;
import dev.linden.core.ppolicy.PasswordChange;
import dev.linden.core.ppolicy.PasswordPolicy;
import dev.linden.core.referral.Referrals;
import dev.linden.core.schema.SchemaChecker;
import dev.linden.model.Attribute;
import dev.linden.model.Ava;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.AttributeType;
import dev.linden.model.schema.ObjectClass;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.Modification;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.ModifyResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Modify (RFC 4511 4.6): parse the DN and the changes → access → in one transaction, apply the
 * changes in order to the current entry, keep the RDN values, check the schema on the result, stamp
 * and store. Any failing change leaves the entry as it was.
 */
public final class ModifyOperation {
    private final Directory directory;
    private final AccessPolicy access;
    private final SchemaChecker checker;
    private final Modifications modifications;
    private final PasswordHashing hashing;
    private final OperationalStamp stamp;
    private final PasswordPolicy passwordPolicy;
    private final EntryReads reads;
    private final Referrals referrals;

    public ModifyOperation(Directory directory, AccessPolicy access, PasswordPolicy passwordPolicy) {
        this.directory = directory;
        this.access = access;
        this.passwordPolicy = passwordPolicy;
        this.checker = new SchemaChecker(directory.schema());
        this.modifications = new Modifications(directory.schema());
        this.hashing =
                new PasswordHashing(directory.passwords(), directory.config().passwordScheme(), directory.schema());
        this.stamp = new OperationalStamp(directory.schema());
        this.reads = new EntryReads(directory, access);
        this.referrals =
                new Referrals(directory.schema(), directory.extensions().defaultReferrals());
    }

    public Response execute(OperationContext ctx, ModifyRequest request) throws LdapException {
        AccessContext actx = access.context(ctx.session());
        UpdateControls controls = UpdateControls.of(ctx, actx, reads);
        boolean permissive = KnownControls.find(ctx.request().controls(), Oids.PERMISSIVE_MODIFY) != null;
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
        PasswordChange password = passwordPolicy.modifying(ctx, dn, request.changes()); // null: no password change
        List<Attribute> changes = new ArrayList<>();
        PasswordHashing.Changes passwords = hashing.changes();
        for (Modification m : request.changes()) {
            Attribute a = Requests.attribute(m.attribute(), directory.schema());
            if (a.description().type().isNoUserModification()) {
                throw new LdapException(
                        ResultCode.CONSTRAINT_VIOLATION, a.description().given() + ": no user modification allowed");
            }
            passwords.note(m.op(), a); // sees the cleartext: SCRAM credentials
            if (m.op() == ModOp.ADD || m.op() == ModOp.REPLACE) {
                a = hashing.hash(a);
            }
            changes.add(a);
        }
        access.visible(actx, dn);
        Entry stored = directory.backend().modify(dn, entry -> {
            // compared by identity: an attribute a change touches is replaced by a new object
            Set<Attribute> asStored = Collections.newSetFromMap(new IdentityHashMap<>());
            asStored.addAll(entry.attributes());
            for (Attribute change : changes) { // checked on the entry as it is in this transaction
                access.require(actx, entry, change.description().type(), Right.WRITE);
            }
            controls.before(entry);
            if (password != null) {
                password.before(entry, changes); // policy checks against the stored entry
            }
            for (int i = 0; i < changes.size(); i++) {
                modifications.apply(entry, request.changes().get(i).op(), changes.get(i), permissive);
            }
            passwords.applyTo(entry);
            for (Ava ava : dn.rdn().avas()) {
                AttributeType type = directory.schema().attributeType(ava.type());
                Attribute a = entry.get(type);
                if (a == null || !a.containsNormalized(ava.normValue(), directory.schema())) {
                    throw new LdapException(
                            ResultCode.NOT_ALLOWED_ON_RDN,
                            "value of naming attribute '" + ava.type() + "' cannot be removed");
                }
            }
            // the structural class first, as slapd: a changed class is objectClassModsProhibited, not
            // an objectClassViolation for the attributes the new class does not allow
            ObjectClass structural = checker.structuralClass(entry);
            String before = entry.firstString(directory.schema().attributeType("structuralObjectClass"));
            if (before != null && !before.equalsIgnoreCase(structural.displayName())) {
                ObjectClass old = directory.schema().objectClass(before);
                if (old == null || (!structural.isSubclassOf(old) && !old.isSubclassOf(structural))) {
                    throw new LdapException(
                            ResultCode.OBJECT_CLASS_MODS_PROHIBITED,
                            "structural object class modification from '" + before + "' to '" + structural.displayName()
                                    + "' not allowed");
                }
            }
            checker.check(entry, asStored);
            entry.put(directory.schema().attributeType("structuralObjectClass"), structural.displayName());
            if (password != null) {
                password.after(entry); // pwdChangedTime, pwdHistory, pwdReset; clears lockout state
            }
            stamp.modified(entry, ctx.session().boundDn(), directory.clock().instant());
            return entry;
        });
        controls.after(stored);
        List<Control> responseControls = new ArrayList<>(controls.responses());
        if (password != null) {
            password.done(ctx.session());
            responseControls.addAll(password.responseControls());
        }
        return new Response(new ModifyResponse(LdapResult.success()), responseControls);
    }
}
