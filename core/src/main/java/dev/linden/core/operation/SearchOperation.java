package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.backend.EntryCodec;
import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Oids;
import dev.linden.core.Response;
import dev.linden.core.RootDse;
import dev.linden.core.Session;
import dev.linden.core.SubschemaEntry;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.core.control.PagedSearch;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.groups.InChain;
import dev.linden.core.netlogon.NetlogonAnswer;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.sasl.SaslAuthenticator;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Search (RFC 4511 4.5): parse the base → the root DSE and subschema entry are answered here → access
 * → limits → the backend walks candidates in one read transaction → each is checked against the
 * filter and sent. With the paged results control, the matching IDs are kept in the session and
 * served a page at a time.
 */
public final class SearchOperation {
    private static final BackendView NO_CHILDREN = new BackendView() {
        @Override
        public int countChildren(long id) {
            return 0;
        }

        @Override
        public boolean hasChildren(long id) {
            return false;
        }
    };

    private static final EntryRights PUBLIC = new EntryRights(java.util.EnumSet.of(Right.READ, Right.SEARCH),
            t -> java.util.EnumSet.of(Right.READ, Right.SEARCH), true);

    private final Directory directory;
    private final AccessPolicy access;
    private final ComputedAttributes computed;
    private final EntryResponder responder;
    private final Dn subschemaDn;
    private final dev.linden.model.DnCache bases;
    private final NetlogonAnswer netlogon;

    public SearchOperation(Directory directory, AccessPolicy access) {
        this(directory, access, null);
    }

    /** @param netlogon answers LDAP pings (Active Directory's netlogon search of the root DSE), or null */
    public SearchOperation(Directory directory, AccessPolicy access, NetlogonAnswer netlogon) {
        this.directory = directory;
        this.netlogon = netlogon;
        this.access = access;
        this.computed = new ComputedAttributes(directory.schema(), directory.config().groups().nestedMemberOf());
        this.responder = new EntryResponder(access, computed);
        this.bases = new dev.linden.model.DnCache(directory.schema(), 10_000);
        try {
            this.subschemaDn = DnSyntax.parse(ComputedAttributes.SUBSCHEMA_DN, directory.schema());
        } catch (LdapException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response execute(OperationContext ctx, SearchRequest request) throws LdapException {
        var schema = directory.schema();
        if (netlogon != null && NetlogonAnswer.isPing(request)) {
            return netlogon.answer(ctx, request);
        }
        Dn base = bases.parse(request.baseDn());
        AttributeSelection selection = AttributeSelection.parse(request.attributes(), schema);
        if (base.isRoot() && request.scope() == SearchScope.BASE) {
            Entry dse = RootDse.build(schema, directory.backend().config().suffixes(),
                    directory.config().vendorVersion(), SaslAuthenticator.advertised(directory.config()),
                    directory.config().security().tlsAvailable());
            return single(ctx, request, dse, selection);
        }
        if (base.equals(subschemaDn)) {
            if (request.scope() != SearchScope.BASE && request.scope() != SearchScope.SUB) {
                return done(ResultCode.SUCCESS, "");
            }
            return single(ctx, request, SubschemaEntry.build(schema), selection);
        }
        Session session = ctx.session();
        AccessContext actx = access.context(session);
        if (directory.backend().suffixOf(base) == null) {
            throw new LdapException(ResultCode.NO_SUCH_OBJECT, "");
        }
        Control paged = control(ctx.request(), Oids.PAGED_RESULTS);
        if (paged != null) {
            return paged(ctx, request, base, selection, PagedResultsControl.decode(paged), actx);
        }
        Limits limits = limits(session, request);
        BackendView[] current = new BackendView[1]; // the search's own view, for in-chain look-ups
        dev.linden.backend.Selection dynamic = access.selection(actx); // what dynamic groups select for this asker
        InChain inChain = new InChain(schema, () -> current[0], dynamic);
        int[] sent = {0};
        boolean[] exceeded = {false};
        search(actx, base, request, unindexedLimit(session),
                (id, entry, stored, view) -> {
                    if (ctx.isAbandoned()) {
                        return false;
                    }
                    limits.checkTime();
                    current[0] = view;
                    EntryRights rights = matches(actx, request, id, entry, view, inChain);
                    if (rights == null) {
                        return true;
                    }
                    if (limits.size > 0 && sent[0] >= limits.size) {
                        exceeded[0] = true;
                        return false;
                    }
                    ctx.sink().send(new LdapMessage(ctx.request().messageId(),
                            responder.respond(entry, stored, id, view, selection, request.typesOnly(), rights, dynamic)));
                    sent[0]++;
                    return true;
                });
        if (ctx.isAbandoned()) {
            return null;
        }
        if (exceeded[0]) {
            return done(ResultCode.SIZE_LIMIT_EXCEEDED, "");
        }
        return done(ResultCode.SUCCESS, "");
    }

    /** The asker's rights on an entry in scope when they may read it and it matches the filter; null otherwise. */
    private EntryRights matches(AccessContext actx, SearchRequest request, long id, Entry entry, BackendView view,
            InChain inChain) {
        EntryRights rights = access.rights(actx, entry);
        if (!rights.onEntry(Right.READ)) {
            return null;
        }
        FilterEvaluator evaluator = new FilterEvaluator(directory.schema(), computed.forEntry(id, view, inChain.selection()),
                type -> !access.isSecret(type) && rights.on(type, Right.SEARCH), // no probing secrets, not even as root
                inChain);
        return evaluator.matches(request.filter(), entry) ? rights : null;
    }

    /** The root DSE and the subschema entry: public, so any client can discover the server. */
    private Response single(OperationContext ctx, SearchRequest request, Entry entry, AttributeSelection selection) {
        if (new FilterEvaluator(directory.schema()).matches(request.filter(), entry)) {
            ctx.sink().send(new LdapMessage(ctx.request().messageId(),
                    responder.respond(entry, null, 0, NO_CHILDREN, selection, request.typesOnly(), PUBLIC,
                    dev.linden.backend.Selection.SERVER)));
        }
        return done(ResultCode.SUCCESS, "");
    }

    private Response paged(OperationContext ctx, SearchRequest request, Dn base, AttributeSelection selection,
            PagedResultsControl control, AccessContext actx) throws LdapException {
        Session session = ctx.session();
        String fingerprint = request.baseDn() + "|" + request.scope() + "|" + FilterText.format(request.filter());
        PagedSearch state;
        String cookie = HexFormat.of().formatHex(control.cookie());
        if (control.cookie().length == 0) {
            Limits limits = limits(session, request);
            BackendView[] current = new BackendView[1];
            InChain inChain = new InChain(directory.schema(), () -> current[0], access.selection(actx));
            List<Long> ids = new ArrayList<>();
            boolean[] exceeded = {false};
            search(actx, base, request, unindexedLimit(session),
                    (id, entry, stored, view) -> {
                        limits.checkTime();
                        current[0] = view;
                        if (matches(actx, request, id, entry, view, inChain) != null) {
                            if (limits.size > 0 && ids.size() >= limits.size) {
                                exceeded[0] = true;
                                return false;
                            }
                            ids.add(id);
                        }
                        return !ctx.isAbandoned();
                    });
            if (exceeded[0] && ids.isEmpty()) {
                return done(ResultCode.SIZE_LIMIT_EXCEEDED, "");
            }
            state = new PagedSearch(ids.stream().mapToLong(Long::longValue).toArray(), fingerprint);
            cookie = newCookie();
        } else {
            state = session.pagedSearches().remove(cookie);
            if (state == null || !state.fingerprint().equals(fingerprint)) {
                throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "paged results cookie is invalid");
            }
        }
        if (control.size() == 0) { // a size of zero abandons the paged search (RFC 2696)
            return new Response(new SearchResultDone(LdapResult.success()),
                    List.of(PagedResultsControl.response(0, new byte[0])));
        }
        int from = state.position();
        int to = (int) Math.min(state.ids().length, (long) from + control.size());
        long[] page = Arrays.copyOfRange(state.ids(), from, to);
        dev.linden.backend.Selection dynamic = access.selection(actx);
        directory.backend().entries(page, (id, entry, stored, view) -> {
            EntryRights rights = access.rights(actx, entry); // again: the entry or the rules may have changed
            if (rights.onEntry(Right.READ)) {
                ctx.sink().send(new LdapMessage(ctx.request().messageId(),
                        responder.respond(entry, stored, id, view, selection, request.typesOnly(), rights, dynamic)));
            }
            return !ctx.isAbandoned();
        });
        state.advance(to - from);
        byte[] next = new byte[0];
        if (!state.done()) {
            session.pagedSearches().put(cookie, state);
            next = HexFormat.of().parseHex(cookie);
        }
        return new Response(new SearchResultDone(LdapResult.success()),
                List.of(PagedResultsControl.response(state.ids().length, next)));
    }

    private static String newCookie() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Control control(LdapMessage message, String oid) {
        for (Control c : message.controls()) {
            if (c.oid().equals(oid)) {
                return c;
            }
        }
        return null;
    }

    private Limits limits(Session session, SearchRequest request) {
        int size = request.sizeLimit();
        int time = request.timeLimit();
        if (session.isAnonymous()) {
            size = min(size, directory.config().anonymousLimits().sizeLimit());
            time = min(time, directory.config().anonymousLimits().timeLimitSeconds());
        } else if (!session.isAdministrator()) {
            size = min(size, directory.config().sizeLimit());
            time = min(time, directory.config().timeLimitSeconds());
        }
        return new Limits(size, time == 0 ? Long.MAX_VALUE : System.nanoTime() + time * 1_000_000_000L);
    }

    /**
     * The backend's search, with the base entry checked in the same transaction: a base the asker
     * may not see does not exist for them (noSuchObject, matchedDN only as far as they may see).
     */
    private void search(AccessContext actx, Dn base, SearchRequest request, int unindexedLimit,
            dev.linden.backend.SearchScan scan) throws LdapException {
        try {
            directory.backend().search(base, request.scope(), request.filter(), unindexedLimit, baseEntry -> {
                if (!access.discloses(actx, baseEntry)) {
                    throw new LdapException(ResultCode.NO_SUCH_OBJECT, "hidden");
                }
            }, scan);
        } catch (LdapException e) {
            if (e.code() == ResultCode.NO_SUCH_OBJECT) {
                throw access.noSuchObject(actx, base);
            }
            throw e;
        }
    }

    /** How many entries an unindexed search may examine for this client (0: the administrator, no limit). */
    private int unindexedLimit(Session session) {
        if (session.isAdministrator()) {
            return 0;
        }
        return session.isAnonymous() ? directory.config().anonymousLimits().unindexedLimit()
                : directory.backend().config().unindexedLimit();
    }

    private static int min(int requested, int server) {
        if (requested == 0) {
            return server;
        }
        return server == 0 ? requested : Math.min(requested, server);
    }

    private static Response done(ResultCode code, String message) {
        return new Response(new SearchResultDone(new LdapResult(code, "", message, List.of())));
    }

    private record Limits(int size, long deadline) {
        void checkTime() throws LdapException {
            if (deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
                throw new LdapException(ResultCode.TIME_LIMIT_EXCEEDED, "");
            }
        }
    }
}
