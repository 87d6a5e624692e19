package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.control.AssertionControl;
import dev.linden.core.referral.Referrals;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.CompareRequest;
import dev.linden.protocol.op.CompareResponse;

/** Compare (RFC 4511 4.10): compareTrue or compareFalse under the attribute's equality rule. */
public final class CompareOperation {
    private final Directory directory;
    private final AccessPolicy access;

    private final EntryReads reads;
    private final Referrals referrals;

    public CompareOperation(Directory directory, AccessPolicy access) {
        this.directory = directory;
        this.access = access;
        this.reads = new EntryReads(directory, access);
        this.referrals =
                new Referrals(directory.schema(), directory.extensions().defaultReferrals());
    }

    public Response execute(OperationContext ctx, CompareRequest request) throws LdapException {
        AssertionControl asserted = AssertionControl.of(ctx.request().controls());
        Dn dn = Requests.dn(request.dn(), directory.schema());
        AttributeDescription desc = AttributeDescription.parse(request.attribute(), directory.schema());
        AccessContext actx = access.context(ctx.session());
        if (directory.backend().suffixOf(dn) == null && directory.live().holding(dn) == null && !dn.isRoot()) {
            throw referrals.outside(dn, null);
        }
        if (!Referrals.manageDsaIt(ctx)) {
            referrals.refer(directory.backend(), dn, null);
        }
        Entry entry = access.visible(actx, dn);
        if (asserted != null) {
            asserted.check(entry, reads.evaluator(actx, entry));
        }
        // a secret: only by a rule naming it, or as the root DN; against the stored value (a hash), as slapd
        access.require(actx, entry, desc.type(), Right.COMPARE);
        if (desc.type().equality() == null) {
            throw new LdapException(ResultCode.INAPPROPRIATE_MATCHING, "attribute type has no equality matching rule");
        }
        String assertion;
        try {
            assertion = desc.type().equality().normalize(request.value(), directory.schema());
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "assertion value invalid per syntax");
        }
        if (desc.type().name().equals("objectclass")) { // superclasses are implied values (RFC 4512 2.4.1)
            return switch (new FilterEvaluator(directory.schema())
                    .evaluate(new Filter.Equality(request.attribute(), request.value()), entry)) {
                case TRUE -> result(ResultCode.COMPARE_TRUE);
                case FALSE -> result(ResultCode.COMPARE_FALSE);
                case UNDEFINED -> throw new LdapException(ResultCode.INVALID_ATTRIBUTE_SYNTAX, "unknown object class");
            };
        }
        String name = desc.type().name();
        if (name.equals("entrydn") || name.equals("subschemasubentry")) { // slapd's answer for these two
            throw new LdapException(
                    ResultCode.UNWILLING_TO_PERFORM, desc.type().displayName() + " compare not supported");
        }
        if (name.equals("hassubordinates") || name.equals("numsubordinates")) { // computed, never stored
            int children = directory.backend().countChildren(entry.dn());
            String value =
                    name.equals("hassubordinates") ? (children > 0 ? "TRUE" : "FALSE") : Integer.toString(children);
            String stored = desc.type()
                    .equality()
                    .normalize(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), directory.schema());
            return result(stored.equals(assertion) ? ResultCode.COMPARE_TRUE : ResultCode.COMPARE_FALSE);
        }
        if (name.equals("memberof")) { // computed from the member indexes, one look-up
            boolean nested = directory.config().groups().nestedMemberOf();
            var selection = access.selection(actx);
            var groups = directory.backend().read(view -> view.groupsOf(entry.dn(), nested, selection));
            if (groups.isEmpty()) {
                throw new LdapException(ResultCode.NO_SUCH_ATTRIBUTE, "");
            }
            return result(
                    groups.stream().anyMatch(g -> g.normalized().equals(assertion))
                            ? ResultCode.COMPARE_TRUE
                            : ResultCode.COMPARE_FALSE);
        }
        boolean any = false;
        for (Attribute a : entry.matching(desc)) {
            any = true;
            if (a.containsNormalized(assertion, directory.schema())) { // values kept apart: one look-up
                return result(ResultCode.COMPARE_TRUE);
            }
        }
        if (!any) {
            throw new LdapException(ResultCode.NO_SUCH_ATTRIBUTE, "");
        }
        return result(ResultCode.COMPARE_FALSE);
    }

    private static Response result(ResultCode code) {
        return new Response(new CompareResponse(new LdapResult(code, "", "", java.util.List.of())));
    }
}
