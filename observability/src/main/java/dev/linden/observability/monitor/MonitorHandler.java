package dev.linden.observability.monitor;

import dev.linden.backend.Backend;
import dev.linden.core.OperationContext;
import dev.linden.core.Oids;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.Responses;
import dev.linden.core.Session;
import dev.linden.core.acl.AccessControl;
import dev.linden.core.acl.AccessRuleSpec;
import dev.linden.core.acl.AccessRules;
import dev.linden.core.acl.GroupMembership;
import dev.linden.core.acl.Right;
import dev.linden.core.operation.AttributeSelection;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers everything addressed to the cn=Monitor subtree before it reaches the dispatcher, the way
 * the root DSE is answered before the backend: searches and compares from live data, for the root
 * DN and the configured readers (the administrators' group by default). To everyone else — and to
 * requests made through proxied authorization — the subtree does not exist: noSuchObject, as for
 * any name outside the naming contexts. Writes are unwillingToPerform (it is read-only).
 *
 * <p>Every other request passes through after a look at its base or name: a string test on its end
 * ("...monitor"), so the search path pays nothing measurable.
 */
public final class MonitorHandler implements RequestHandler {
    private final RequestHandler next;
    private final Schema schema;
    private final MonitorTree tree;
    private final Dn base;
    private final AccessControl readers;

    public MonitorHandler(RequestHandler next, Schema schema, MonitorTree tree, Backend backend, Dn rootDn,
            List<AccessRuleSpec.ClauseSpec> readerClauses) {
        this.next = next;
        this.schema = schema;
        this.tree = tree;
        try {
            this.base = DnSyntax.parse(MonitorTree.BASE, schema);
        } catch (LdapException e) {
            throw new IllegalStateException(e);
        }
        List<AccessRuleSpec.ClauseSpec> clauses = new ArrayList<>();
        for (AccessRuleSpec.ClauseSpec c : readerClauses) {
            clauses.add(new AccessRuleSpec.ClauseSpec(c.who(), c.dn(), c.under(), c.group(), c.tls(), c.address(),
                    List.of("read")));
        }
        this.readers = new AccessControl(clauses.isEmpty() ? List.of()
                : AccessRules.build(List.of(new AccessRuleSpec(null, null, null, null, clauses)), schema),
                schema, new GroupMembership(backend), rootDn);
    }

    @Override
    public Response dispatch(OperationContext ctx) {
        ProtocolOp op = ctx.request().op();
        String name = switch (op) {
            case SearchRequest s -> s.baseDn();
            case CompareRequest c -> c.dn();
            case ModifyRequest m -> m.dn();
            case AddRequest a -> a.dn();
            case DeleteRequest d -> d.dn();
            case ModifyDnRequest m -> m.dn();
            default -> null;
        };
        if (name == null || !endsWithMonitor(name)) {
            return next.dispatch(ctx);
        }
        Dn dn;
        try {
            dn = DnSyntax.parse(name, schema);
        } catch (LdapException e) {
            return next.dispatch(ctx);
        }
        if (!dn.isWithin(base)) {
            return next.dispatch(ctx);
        }
        if (!mayRead(ctx)) {
            return answer(op, LdapResult.of(ResultCode.NO_SUCH_OBJECT, ""));
        }
        return switch (op) {
            case SearchRequest s -> search(ctx, s, dn);
            case CompareRequest c -> compare(c, dn);
            default -> answer(op, LdapResult.of(ResultCode.UNWILLING_TO_PERFORM, "cn=Monitor is read-only"));
        };
    }

    /** A cheap test before parsing: the last RDN value is "monitor" (any case, trailing spaces allowed). */
    static boolean endsWithMonitor(String name) {
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == ' ') {
            end--;
        }
        return end >= 7 && name.regionMatches(true, end - 7, "monitor", 0, 7);
    }

    private boolean mayRead(OperationContext ctx) {
        for (Control c : ctx.request().controls()) {
            if (c.oid().equals(Oids.PROXIED_AUTHORIZATION)) {
                return false; // the identity asked for is not checked here: refuse rather than guess
            }
        }
        Session session = ctx.session();
        if (session.isAdministrator()) {
            return true;
        }
        if (session.isAnonymous() || readers.rules().isEmpty()) {
            return false;
        }
        return readers.allows(readers.context(session), new Entry(base), Right.READ);
    }

    private Response search(OperationContext ctx, SearchRequest request, Dn target) {
        List<Entry> entries = tree.entries();
        Entry baseEntry = find(entries, target);
        if (baseEntry == null) {
            return answer(request, new LdapResult(ResultCode.NO_SUCH_OBJECT, matched(entries, target).toString(), "",
                    List.of()));
        }
        AttributeSelection selection = AttributeSelection.parse(request.attributes(), schema);
        FilterEvaluator evaluator = new FilterEvaluator(schema);
        int sent = 0;
        for (Entry e : entries) {
            if (!inScope(e.dn(), target, request.scope()) || !evaluator.matches(request.filter(), e)) {
                continue;
            }
            if (request.sizeLimit() > 0 && sent >= request.sizeLimit()) {
                return answer(request, LdapResult.of(ResultCode.SIZE_LIMIT_EXCEEDED, ""));
            }
            ctx.sink().send(new LdapMessage(ctx.request().messageId(), respond(e, selection, request.typesOnly())));
            sent++;
        }
        return answer(request, LdapResult.success());
    }

    private Response compare(CompareRequest request, Dn target) {
        Entry entry = find(tree.entries(), target);
        if (entry == null) {
            return answer(request, LdapResult.of(ResultCode.NO_SUCH_OBJECT, ""));
        }
        AttributeDescription desc = AttributeDescription.tryParse(request.attribute(), schema);
        if (desc == null || entry.matching(desc).isEmpty()) {
            return answer(request, LdapResult.of(ResultCode.NO_SUCH_ATTRIBUTE, ""));
        }
        boolean equal = new FilterEvaluator(schema).matches(new Filter.Equality(request.attribute(), request.value()), entry);
        return answer(request, LdapResult.of(equal ? ResultCode.COMPARE_TRUE : ResultCode.COMPARE_FALSE, ""));
    }

    private static SearchResultEntry respond(Entry entry, AttributeSelection selection, boolean typesOnly) {
        List<PartialAttribute> out = new ArrayList<>();
        for (Attribute a : entry.attributes()) {
            if (selection.wants(a.description())) {
                out.add(new PartialAttribute(a.description().given(), typesOnly ? List.of() : a.values()));
            }
        }
        return new SearchResultEntry(entry.dn().toString(), out);
    }

    private static boolean inScope(Dn dn, Dn target, dev.linden.protocol.SearchScope scope) {
        return switch (scope) {
            case BASE -> dn.equals(target);
            case ONE -> dn.size() == target.size() + 1 && dn.isWithin(target);
            case SUB -> dn.isWithin(target);
            case SUBORDINATES -> dn.size() > target.size() && dn.isWithin(target);
        };
    }

    private static Entry find(List<Entry> entries, Dn dn) {
        for (Entry e : entries) {
            if (e.dn().equals(dn)) {
                return e;
            }
        }
        return null;
    }

    private static Dn matched(List<Entry> entries, Dn dn) {
        for (Dn d = dn.parent(); d != null && !d.isRoot(); d = d.parent()) {
            if (find(entries, d) != null) {
                return d;
            }
        }
        return Dn.ROOT;
    }

    private static Response answer(ProtocolOp request, LdapResult result) {
        return new Response(Responses.forRequest(request, result));
    }
}
