package dev.linden.core.operation;

import dev.linden.backend.BackendView;
import dev.linden.backend.EntryCodec;
import dev.linden.backend.SearchScan;
import dev.linden.backend.Selection;
import dev.linden.core.AccessPolicy;
import dev.linden.core.OperationContext;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.groups.InChain;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.SearchRequest;
import java.util.Arrays;

/**
 * One search request as the backend walks it: who asks, the limits, the in-chain closures computed
 * so far, and what happens to each entry that matches — sent at once, or, for the first page of a
 * paged search, its ID kept so the pages can be served from the list. The backend hands it the
 * entries in scope; it checks read access and the filter, then the size limit.
 */
final class SearchRun implements SearchScan {
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
    private final boolean collect;
    private BackendView view; // the walk's own transaction, for in-chain look-ups
    private long[] ids = new long[16];
    private int matched;
    private boolean exceeded;

    /** @param collect keep the matching IDs (a paged search's first page) instead of sending the entries */
    SearchRun(OperationContext ctx, SearchRequest request, AccessPolicy access, AccessContext actx, Schema schema,
            ComputedAttributes computed, EntryResponder responder, AttributeSelection attributes, SearchLimits limits,
            boolean collect) {
        this.ctx = ctx;
        this.request = request;
        this.access = access;
        this.actx = actx;
        this.schema = schema;
        this.computed = computed;
        this.responder = responder;
        this.attributes = attributes;
        this.limits = limits;
        this.collect = collect;
        this.dynamic = access.selection(actx); // what dynamic groups select for this asker
        this.inChain = new InChain(schema, () -> view, dynamic);
    }

    @Override
    public boolean accept(long id, Entry entry, EntryCodec.Stored stored, BackendView view) throws LdapException {
        if (ctx.isAbandoned()) {
            return false;
        }
        limits.checkTime();
        this.view = view;
        EntryRights rights = matches(id, entry, view);
        if (rights == null) {
            return true;
        }
        if (limits.size() > 0 && matched >= limits.size()) {
            exceeded = true;
            return false;
        }
        if (collect) {
            if (matched == ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[matched] = id;
        } else {
            send(id, entry, stored, view, rights);
        }
        matched++;
        return true;
    }

    /** Sends one entry with the attributes the asker may read. */
    void send(long id, Entry entry, EntryCodec.Stored stored, BackendView view, EntryRights rights) {
        ctx.sink().send(new LdapMessage(ctx.request().messageId(),
                responder.respond(entry, stored, id, view, attributes, request.typesOnly(), rights, dynamic)));
    }

    /** The asker's rights on an entry in scope when they may read it and it matches the filter; null otherwise. */
    private EntryRights matches(long id, Entry entry, BackendView view) {
        EntryRights rights = access.rights(actx, entry);
        if (!rights.onEntry(Right.READ)) {
            return null;
        }
        FilterEvaluator evaluator = new FilterEvaluator(schema, computed.forEntry(id, view, dynamic),
                type -> rights.on(type, Right.SEARCH), // secrets only by a rule naming them, not even as root
                inChain);
        return evaluator.matches(request.filter(), entry) ? rights : null;
    }

    /** The IDs kept (collecting runs only), in the order the walk found them. */
    long[] ids() {
        return Arrays.copyOf(ids, matched);
    }

    int matched() {
        return matched;
    }

    /** Whether the walk stopped at the size limit with more entries to come. */
    boolean exceeded() {
        return exceeded;
    }

    /** The size and time limits of one search, the server's and the request's together. */
    record SearchLimits(int size, long deadline) {
        void checkTime() throws LdapException {
            if (deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
                throw new LdapException(ResultCode.TIME_LIMIT_EXCEEDED, "");
            }
        }
    }
}
