package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.LiveContext;
import dev.linden.core.LiveContexts;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.RootDse;
import dev.linden.core.RunOnWorker;
import dev.linden.core.Session;
import dev.linden.core.SubschemaEntry;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.control.AssertionControl;
import dev.linden.core.control.DerefControl;
import dev.linden.core.control.MatchedValuesControl;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.core.control.PagedSearch;
import dev.linden.core.control.PersistentSearchControl;
import dev.linden.core.control.SortControl;
import dev.linden.core.control.VlvControl;
import dev.linden.core.netlogon.NetlogonAnswer;
import dev.linden.core.operation.SearchRun.SearchLimits;
import dev.linden.core.psearch.PersistentSearches;
import dev.linden.core.referral.Referrals;
import dev.linden.core.sasl.SaslAuthenticator;
import dev.linden.core.sync.SyncProvider;
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
import java.util.HexFormat;
import java.util.List;

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

    private static final EntryRights PUBLIC = new EntryRights(
            java.util.EnumSet.of(Right.READ, Right.SEARCH), t -> java.util.EnumSet.of(Right.READ, Right.SEARCH), true);

    private final Directory directory;
    private final AccessPolicy access;
    private final ComputedAttributes computed;
    private final EntryResponder responder;
    private final EntryResponder syncResponder; // the stored attributes only: replicas compute the rest
    private final Dn subschemaDn;
    private final dev.linden.model.DnCache bases;
    private final SyncProvider syncProvider;
    private final NetlogonAnswer netlogon;
    private final EntryReads reads;
    private final Referrals referrals;
    private final SearchWalk walks;
    private final Pages pages;
    private final SortedSearch sorted;
    private final PersistentSearches persistentSearches;

    public SearchOperation(Directory directory, AccessPolicy access) {
        this(directory, access, null);
    }

    /** @param netlogon answers LDAP pings (Active Directory's netlogon search of the root DSE), or null */
    public SearchOperation(Directory directory, AccessPolicy access, NetlogonAnswer netlogon) {
        this.directory = directory;
        this.netlogon = netlogon;
        this.access = access;
        this.computed = new ComputedAttributes(
                directory.schema(), directory.config().groups().nestedMemberOf());
        this.responder = new EntryResponder(access, computed);
        this.syncResponder = new EntryResponder(access, computed, false);
        this.bases = new dev.linden.model.DnCache(directory.schema(), 10_000);
        this.syncProvider = new SyncProvider(directory.backend(), directory.syncs());
        this.reads = new EntryReads(directory, access);
        this.referrals =
                new Referrals(directory.schema(), directory.extensions().defaultReferrals());
        this.pages = new Pages(directory.backend(), access);
        this.persistentSearches = new PersistentSearches(
                directory.backend(), directory.extensions().persistentSearches());
        this.sorted = new SortedSearch(
                directory.schema(),
                pages,
                directory.extensions().sortLimit(),
                directory.extensions().vlvContexts());
        this.walks = new SearchWalk(
                directory.backend(), access, referrals, new dev.linden.core.alias.Aliases(directory.schema()));
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
        AssertionControl assertion = AssertionControl.of(ctx.request().controls());
        MatchedValuesControl matchedValues =
                MatchedValuesControl.of(ctx.request().controls(), schema);
        SortControl sort = SortControl.of(ctx.request().controls(), schema);
        DerefControl deref = DerefControl.of(ctx.request().controls(), schema);
        PersistentSearchControl persistent =
                PersistentSearchControl.of(ctx.request().controls());
        VlvControl vlv = VlvControl.of(ctx.request().controls());
        if (vlv != null && sort == null) {
            throw VlvControl.sortMissing();
        }
        Dn base = bases.parse(request.baseDn());
        AttributeSelection selection = AttributeSelection.parse(request.attributes(), schema);
        if (base.isRoot() && request.scope() == SearchScope.BASE) {
            Entry dse = RootDse.build(
                    schema,
                    directory.backend().config().suffixes(),
                    directory.config().vendorVersion(),
                    SaslAuthenticator.advertised(directory.config()),
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
        Control pagedControl = control(ctx.request(), Oids.PAGED_RESULTS);
        PagedResultsControl paged = pagedControl == null ? null : PagedResultsControl.decode(pagedControl);
        LiveContext live = directory.live().holding(base);
        if (live != null && ctx.sink().onNetworkThread()) {
            throw RunOnWorker.INSTANCE; // cn=Monitor may compute (a content digest walks its context)
        }
        if (live != null) {
            return searchLive(ctx, request, base, selection, live, actx, paged != null);
        }
        if (directory.backend().suffixOf(base) == null) {
            throw referrals.outside(base, request.scope());
        }
        base = walks.base(base, request.derefAliases()); // where its aliases lead, when finding the base follows them
        boolean manageDsaIt = Referrals.manageDsaIt(ctx);
        // every walk of this request and every list it sends later: the same asker, attributes and controls
        java.util.function.BiFunction<SearchRun.SearchLimits, SearchRun.Matched, SearchRun> runs =
                (runLimits, onMatch) -> new SearchRun(
                                ctx, request, access, actx, schema, computed, responder, selection, runLimits, onMatch)
                        .matchedValues(matchedValues)
                        .deref(deref);
        if (!manageDsaIt
                && (assertion != null
                        || request.scope() == SearchScope.ONE
                        || request.scope() == SearchScope.SUBORDINATES)) {
            referrals.refer(directory.backend(), base, request.scope()); // a base the walk does not visit
        }
        if (assertion != null) { // on the base entry (RFC 4528 3)
            Entry baseEntry = access.visible(actx, base);
            assertion.check(baseEntry, reads.evaluator(actx, baseEntry));
        }
        Control syncControl = control(ctx.request(), dev.linden.protocol.sync.SyncRequestControl.OID);
        if (syncControl != null) { // content synchronization (RFC 4533): a consumer replicating this tree
            var sync = SyncProvider.control(syncControl);
            access.visible(actx, base); // noSuchObject for a base the asker may not see, whatever the phase
            boolean replica = directory.config().replicators().contains(session.boundDn()); // reads everything
            SearchRun.SearchLimits limits = replica ? SearchRun.SearchLimits.NONE : limits(session, request);
            return syncProvider.execute(
                    session,
                    request,
                    base,
                    sync,
                    onMatch -> new SearchRun(
                            ctx, request, access, actx, schema, computed, syncResponder, selection, limits, onMatch),
                    entry -> access.discloses(actx, entry),
                    replica ? 0 : unindexedLimit(session));
        }
        if (persistent != null) { // the entries, then their changes, until abandoned or canceled
            if (paged != null || sort != null) {
                throw new LdapException(
                        ResultCode.UNWILLING_TO_PERFORM, "a persistent search is neither paged nor sorted");
            }
            SearchRun run = runs.apply(limits(session, request), SearchRun.SEND);
            Dn from = base;
            persistentSearches.run(
                    run,
                    persistent,
                    base,
                    request.scope(),
                    () -> walks.walk(actx, from, request, unindexedLimit(session), run, manageDsaIt));
            return null;
        }
        // what a paged or sorted search's later pages must repeat; formatting the filter is not free
        String fingerprint = paged == null && sort == null
                ? null
                : request.baseDn() + "|" + request.scope() + "|" + FilterText.format(request.filter());
        PagedSearch state;
        String cookie;
        if (paged != null && paged.cookie().length > 0) { // a further page: served from the list, no walk
            cookie = HexFormat.of().formatHex(paged.cookie());
            state = session.pagedSearches().remove(cookie);
            if (state == null || !state.fingerprint().equals(fingerprint)) {
                throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "paged results cookie is invalid");
            }
        } else if (sort != null) {
            SearchLimits searchLimits = limits(session, request);
            Dn from = base;
            return sorted.execute(
                    ctx,
                    actx,
                    sort,
                    vlv,
                    paged,
                    fingerprint,
                    onMatch -> {
                        SearchRun run = runs.apply(searchLimits, onMatch);
                        walks.walk(actx, from, request, unindexedLimit(session), run, manageDsaIt);
                        return ctx.isAbandoned() ? null : run;
                    },
                    runs.apply(SearchRun.SearchLimits.NONE, SearchRun.SEND)); // sends the sorted list
        } else {
            SearchRun run = runs.apply(limits(session, request), paged != null ? SearchRun.COLLECT : SearchRun.SEND);
            walks.walk(actx, base, request, unindexedLimit(session), run, manageDsaIt);
            if (ctx.isAbandoned()) {
                return null;
            }
            if (paged == null) {
                return done(run.exceeded() ? ResultCode.SIZE_LIMIT_EXCEEDED : ResultCode.SUCCESS, "");
            }
            if (run.exceeded() && run.matched() == 0) {
                return done(ResultCode.SIZE_LIMIT_EXCEEDED, "");
            }
            state = new PagedSearch(run.ids(), fingerprint, run.exceeded(), false);
            cookie = Pages.newCookie();
        }
        return pages.page(
                ctx,
                actx,
                runs.apply(SearchRun.SearchLimits.NONE, SearchRun.SEND), // sends the page from the list
                paged,
                state,
                cookie,
                state.sorted() ? List.of(SortControl.response(ResultCode.SUCCESS)) : List.of());
    }

    /**
     * A search of a live context (cn=Monitor): its entries as of now walked by the same run, access
     * rules and limits as the store's. Paging returns everything on one page (the list is small).
     */
    private Response searchLive(
            OperationContext ctx,
            SearchRequest request,
            Dn base,
            AttributeSelection selection,
            LiveContext live,
            AccessContext actx,
            boolean paged)
            throws LdapException {
        List<Entry> entries = live.entries();
        Entry baseEntry = LiveContexts.find(entries, base);
        if (baseEntry == null || !access.discloses(actx, live, baseEntry)) {
            throw access.noSuchObject(actx, live, entries, base);
        }
        SearchRun run = new SearchRun(
                ctx,
                request,
                access,
                actx,
                directory.schema(),
                computed,
                responder,
                selection,
                limits(ctx.session(), request),
                SearchRun.SEND);
        LiveView view = new LiveView(entries);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (inScope(e.dn(), base, request.scope()) && !run.accept(i + 1, e, null, view)) {
                break;
            }
        }
        if (ctx.isAbandoned()) {
            return null;
        }
        LdapResult result =
                new LdapResult(run.exceeded() ? ResultCode.SIZE_LIMIT_EXCEEDED : ResultCode.SUCCESS, "", "", List.of());
        return new Response(
                new SearchResultDone(result),
                paged ? List.of(PagedResultsControl.response(run.matched(), new byte[0])) : List.of());
    }

    private static boolean inScope(Dn dn, Dn base, SearchScope scope) {
        return switch (scope) {
            case BASE -> dn.equals(base);
            case ONE -> dn.size() == base.size() + 1 && dn.isWithin(base);
            case SUB -> dn.isWithin(base);
            case SUBORDINATES -> dn.size() > base.size() && dn.isWithin(base);
        };
    }

    /** The root DSE and the subschema entry: public, so any client can discover the server. */
    private Response single(OperationContext ctx, SearchRequest request, Entry entry, AttributeSelection selection) {
        if (new FilterEvaluator(directory.schema()).matches(request.filter(), entry)) {
            ctx.sink()
                    .send(new LdapMessage(
                            ctx.request().messageId(),
                            responder.respond(
                                    entry,
                                    null,
                                    0,
                                    NO_CHILDREN,
                                    selection,
                                    request.typesOnly(),
                                    PUBLIC,
                                    dev.linden.backend.Selection.SERVER)));
        }
        return done(ResultCode.SUCCESS, "");
    }

    private static Control control(LdapMessage message, String oid) {
        for (Control c : message.controls()) {
            if (c.oid().equals(oid)) {
                return c;
            }
        }
        return null;
    }

    private SearchRun.SearchLimits limits(Session session, SearchRequest request) {
        int size = request.sizeLimit();
        int time = request.timeLimit();
        if (session.isAnonymous()) {
            size = min(size, directory.config().anonymousLimits().sizeLimit());
            time = min(time, directory.config().anonymousLimits().timeLimitSeconds());
        } else if (!session.isAdministrator()) {
            size = min(size, directory.config().sizeLimit());
            time = min(time, directory.config().timeLimitSeconds());
        }
        return new SearchRun.SearchLimits(size, time == 0 ? Long.MAX_VALUE : System.nanoTime() + time * 1_000_000_000L);
    }

    /** How many entries an unindexed search may examine for this client (0: the administrator, no limit). */
    private int unindexedLimit(Session session) {
        if (session.isAdministrator()) {
            return 0;
        }
        return session.isAnonymous()
                ? directory.config().anonymousLimits().unindexedLimit()
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
}
