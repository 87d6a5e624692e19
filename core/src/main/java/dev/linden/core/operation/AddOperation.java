package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.ppolicy.PasswordPolicy;
import dev.linden.core.referral.Referrals;
import dev.linden.core.schema.SchemaChecker;
import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.ObjectClass;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.AddRequest;
import dev.linden.protocol.op.AddResponse;

/**
 * Add (RFC 4511 4.7): parse the DN → access → build the entry (no empty or repeated attributes, no
 * user-supplied NO-USER-MODIFICATION types) → add the RDN's values it lacks → schema check → hash
 * passwords → stamp operational attributes → one storage transaction, which checks the parent and
 * that the DN is free.
 */
public final class AddOperation {
    private final Directory directory;
    private final AccessPolicy access;
    private final SchemaChecker checker;
    private final PasswordHashing hashing;
    private final OperationalStamp stamp;
    private final PasswordPolicy passwordPolicy;
    private final EntryReads reads;
    private final Referrals referrals;
    private final dev.linden.core.alias.Aliases aliases;

    public AddOperation(Directory directory, AccessPolicy access, PasswordPolicy passwordPolicy) {
        this.directory = directory;
        this.access = access;
        this.passwordPolicy = passwordPolicy;
        this.checker = new SchemaChecker(directory.schema());
        this.hashing =
                new PasswordHashing(directory.passwords(), directory.config().passwordScheme(), directory.schema());
        this.stamp = new OperationalStamp(directory.schema());
        this.reads = new EntryReads(directory, access);
        this.referrals =
                new Referrals(directory.schema(), directory.extensions().defaultReferrals());
        this.aliases = new dev.linden.core.alias.Aliases(directory.schema());
    }

    public Response execute(OperationContext ctx, AddRequest request) throws LdapException {
        AccessContext actx = access.context(ctx.session());
        UpdateControls controls = UpdateControls.of(ctx, actx, reads);
        Dn dn = Requests.dn(request.dn(), directory.schema());
        access.refuseLiveWrite(access.context(ctx.session()), dn); // cn=Monitor is read-only
        if (dn.isRoot()) {
            throw new LdapException(ResultCode.ENTRY_ALREADY_EXISTS, "root DSE already exists");
        }
        if (directory.backend().suffixOf(dn) == null) {
            throw referrals.outside(dn, null);
        }
        if (!Referrals.manageDsaIt(ctx)) {
            referrals.refer(directory.backend(), dn, null); // the new entry's place is below a referral object
        }
        boolean suffixEntry = directory.backend().config().suffixes().contains(dn);
        if (!suffixEntry) {
            Entry parent = access.visible(actx, dn.parent()); // one the asker may not see: noSuchObject, as if missing
            if (aliases.isAlias(parent)) { // an alias has no children (RFC 4512 2.6), as slapd refuses
                throw new LdapException(ResultCode.ALIAS_PROBLEM, "parent is an alias");
            }
        }
        Entry entry = new Entry(dn);
        for (PartialAttribute pa : request.attributes()) {
            Attribute a = Requests.attribute(pa, directory.schema());
            if (a.values().isEmpty()) {
                throw new LdapException(
                        ResultCode.PROTOCOL_ERROR, a.description().given() + ": no values for attribute type");
            }
            if (a.description().type().isNoUserModification()) {
                throw new LdapException(
                        ResultCode.CONSTRAINT_VIOLATION, a.description().given() + ": no user modification allowed");
            }
            if (entry.get(a.description()) != null) {
                throw new LdapException(
                        ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                        a.description().given() + ": attribute provided more than once");
            }
            entry.put(a);
        }
        RdnValues.addMissing(entry, dn.rdn(), directory.schema()); // the client may leave them out (RFC 4511 4.7)
        access.require(actx, entry, Right.ADD); // the rules see the new entry as it would be stored
        controls.before(entry); // the assertion, on the entry as given
        ObjectClass structural = checker.check(entry);
        passwordPolicy.adding(ctx, entry); // quality of a user's password (before hashing), pwdChangedTime
        hashing.hashEntry(entry); // and the SCRAM credentials of a cleartext password
        stamp.created(entry, ctx.session().boundDn(), directory.clock().instant(), structural.displayName());
        directory.backend().add(entry);
        controls.after(entry);
        return new Response(new AddResponse(LdapResult.success()), controls.responses());
    }
}
