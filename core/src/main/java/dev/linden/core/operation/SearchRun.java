package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.backend.EntryCodec;
import dev.linden.backend.SearchScan;
import dev.linden.backend.Selection;
import dev.linden.core.AccessPolicy;
import dev.linden.core.OperationContext;
import dev.linden.core.RunOnWorker;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.control.MatchedValuesControl;
import dev.linden.core.groups.InChain;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.SearchRequest;
import java.util.Arrays;
import java.util.List;

/**
 * One search request as the backend walks it: who asks, the limits, the in-chain closures computed
 * so far, and what happens to each entry that matches — sent at once, or, for the first page of a
 * paged search, its ID kept so the pages can be served from the list, or whatever a content
 * synchronization does with it. The backend hands it the entries in scope; it checks read access and
 * the filter, then the size limit.
 */
public final class SearchRun implements SearchScan {
    /** What happens to an entry in scope that the asker may read and that matches the filter. */
    @FunctionalInterface
    public interface Matched {
        void matched(
                SearchRun run, long id, Entry entry, EntryCodec.Stored stored, BackendView view, EntryRights rights)
                throws LdapException;
    }

    /**
     * What the search does with an entry in scope before its filter is tested: a referral object becomes
     * a continuation reference, an alias is dereferenced. True when the entry was dealt with so.
     */
    @FunctionalInterface
    public interface Before {
        Before NOTHING = (run, id, entry, view) -> false;

        boolean handled(SearchRun run, long id, Entry entry, BackendView view) throws LdapException;
    }

    /** Sends each matching entry. */
    public static final Matched SEND =
            (run, id, entry, stored, view, rights) -> run.send(id, entry, stored, view, rights);

    private final OperationContext ctx;
    private final SearchRequest request;
    private final AccessPolicy access;
    private final AccessContext actx;
    private final Schema schema;
    private final ComputedAttributes computed;
    private final EntryResponder responder;
    private final AttributeSelection attributes;
    private final SearchLimits limits;
    private final Selection dynamic;
    private final InChain inChain;
    private final Matched onMatch;
    private BackendView view; // the walk's own transaction, for in-chain look-ups
    private MatchedValuesControl matchedValues; // null: every value the asker may read
    private Before before = Before.NOTHING;
    private Dereferencer deref; // null: no dereference control
    private long[] ids = new long[16];
    private int matched;
    private boolean exceeded;

    /** @param onMatch what to do with each entry that matches ({@link #SEND}, {@link #COLLECT}, ...) */
    SearchRun(
            OperationContext ctx,
            SearchRequest request,
            AccessPolicy access,
            AccessContext actx,
            Schema schema,
            ComputedAttributes computed,
            EntryResponder responder,
            AttributeSelection attributes,
            SearchLimits limits,
            Matched onMatch) {
        this.ctx = ctx;
        this.request = request;
        this.access = access;
        this.actx = actx;
        this.schema = schema;
        this.computed = computed;
        this.responder = responder;
        this.attributes = attributes;
        this.limits = limits;
        this.onMatch = onMatch;
        this.dynamic = access.selection(actx); // what dynamic groups select for this asker
        this.inChain = new InChain(schema, () -> view, dynamic);
    }

    /** Sends only the values the matched values control keeps (RFC 3876); null for all. */
    SearchRun matchedValues(MatchedValuesControl values) {
        this.matchedValues = values;
        return this;
    }

    /** Answers the dereference control on each entry sent; null for none. */
    SearchRun deref(dev.linden.core.control.DerefControl control) {
        this.deref = control == null ? null : new Dereferencer(control, schema, access, actx, responder);
        return this;
    }

    /** Lets {@code before} deal with entries ahead of the filter (referral objects, aliases). */
    SearchRun before(Before hook) {
        this.before = hook;
        return this;
    }

    @Override
    public boolean accept(long id, Entry entry, EntryCodec.Stored stored, BackendView view) throws LdapException {
        if (ctx.isAbandoned()) {
            return false;
        }
        limits.checkTime();
        if (before.handled(this, id, entry, view)) {
            return !exceeded;
        }
        return take(id, entry, stored, view);
    }

    /** An entry the search may return: sent (or kept) when the asker may read it and it matches. */
    boolean take(long id, Entry entry, EntryCodec.Stored stored, BackendView view) throws LdapException {
        EntryRights rights = matches(id, entry, view);
        if (rights == null) {
            return true;
        }
        if (limits.size() > 0 && matched >= limits.size()) {
            exceeded = true;
            return false;
        }
        onMatch.matched(this, id, entry, stored, view, rights);
        matched++;
        return true;
    }

    /** Keeps each matching entry's ID (a paged search's first page), for {@link #ids()}. */
    static final Matched COLLECT = (run, id, entry, stored, view, rights) -> run.keep(id);

    private void keep(long id) {
        if (matched == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[matched] = id;
    }

    /** Sends one entry with the attributes the asker may read. */
    public void send(long id, Entry entry, EntryCodec.Stored stored, BackendView view, EntryRights rights) {
        send(id, entry, stored, view, rights, List.of());
    }

    /** Sends one entry with the attributes the asker may read, and these controls on it. */
    public void send(
            long id,
            Entry entry,
            EntryCodec.Stored stored,
            BackendView view,
            EntryRights rights,
            List<Control> controls) {
        if (ctx.sink().onNetworkThread() && sendsValuesKeptApart(entry)) {
            throw RunOnWorker.INSTANCE; // a huge group read whole: a worker streams it
        }
        if (deref != null) {
            List<Control> all = new java.util.ArrayList<>(controls);
            all.addAll(deref.controls(entry, view, rights));
            controls = all;
        }
        ctx.sink()
                .send(new LdapMessage(
                        ctx.request().messageId(),
                        responder.respond(
                                entry,
                                stored,
                                id,
                                view,
                                attributes,
                                request.typesOnly(),
                                rights,
                                dynamic,
                                matchedValues,
                                true),
                        controls));
    }

    /** Sends a message that is not an entry (an intermediate response) as part of this search. */
    public void send(dev.linden.protocol.op.ProtocolOp op) {
        send(op, List.of());
    }

    /** Sends any message of this search (an entry built elsewhere, an intermediate or final response) with controls. */
    public void send(dev.linden.protocol.op.ProtocolOp op, List<Control> controls) {
        ctx.sink().send(new LdapMessage(ctx.request().messageId(), op, controls));
    }

    /** Pushes what was sent so far to the client now (an operation that keeps answering). */
    public void flush() {
        ctx.sink().flush();
    }

    /** A long wait that does not keep a worker thread from other clients (see {@link dev.linden.core.ResponseSink#idle}). */
    public boolean idle(dev.linden.core.ResponseSink.Wait wait) throws InterruptedException {
        return ctx.sink().idle(wait);
    }

    /** Whether the asker may know this entry exists (a continuation reference for it may be sent). */
    public boolean discloses(Entry entry) {
        return access.discloses(actx, entry);
    }

    /** Whether the entry has values kept apart (a group past the threshold) that this search returns. */
    private boolean sendsValuesKeptApart(Entry entry) {
        for (dev.linden.model.Attribute a : entry.attributes()) {
            if (a.isStored() && attributes.wants(a.description())) {
                return true;
            }
        }
        return false;
    }

    /**
     * On the network thread a search may examine this many entries (a user by uid, a group by DN, a
     * few children); one that would examine more runs on a worker, where it may take its time.
     */
    static final int QUICK_ENTRIES = 32;

    @Override
    public int examineAtMost() {
        return ctx.sink().onNetworkThread() ? QUICK_ENTRIES : Integer.MAX_VALUE;
    }

    /** Only reached on the network thread: elsewhere {@link #examineAtMost} sets no bound. */
    @Override
    public void tooMany() {
        throw RunOnWorker.INSTANCE;
    }

    /** Whether the client abandoned the search, or its connection ended. */
    public boolean abandoned() {
        return ctx.isAbandoned();
    }

    /**
     * The asker's rights on an entry in scope when they may read it and it matches the filter; null
     * otherwise. The scope is the walk's to check.
     */
    public EntryRights matches(long id, Entry entry, BackendView view) {
        this.view = view;
        EntryRights rights = access.rights(actx, entry);
        if (!rights.onEntry(Right.READ)) {
            return null;
        }
        FilterEvaluator evaluator = new FilterEvaluator(
                schema,
                computed.forEntry(id, view, dynamic),
                type -> rights.on(type, Right.SEARCH), // secrets only by a rule naming them, not even as root
                inChain);
        return evaluator.matches(request.filter(), entry) ? rights : null;
    }

    /** The IDs kept (collecting runs only), in the order the walk found them. */
    long[] ids() {
        return Arrays.copyOf(ids, matched);
    }

    public int matched() {
        return matched;
    }

    /** Whether the walk stopped at the size limit with more entries to come. */
    boolean exceeded() {
        return exceeded;
    }

    /** The request being answered. */
    public SearchRequest request() {
        return request;
    }

    /** The size and time limits of one search, the server's and the request's together. */
    public record SearchLimits(int size, long deadline) {
        public static final SearchLimits NONE = new SearchLimits(0, Long.MAX_VALUE);

        public void checkTime() throws LdapException {
            if (deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
                throw new LdapException(ResultCode.TIME_LIMIT_EXCEEDED, "");
            }
        }
    }
}
