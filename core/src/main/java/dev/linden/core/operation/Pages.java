package dev.linden.core.operation;

import dev.linden.backend.Backend;
import dev.linden.core.AccessPolicy;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.acl.Right;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.core.control.PagedSearch;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.SearchResultDone;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sending entries from a list of IDs kept or ordered earlier: the pages of a paged search (RFC 2696),
 * sorted or not, and the windows of a virtual list view. Access is checked again for each entry: the
 * entry or the rules may have changed since the list was made.
 */
final class Pages {
    private final Backend backend;
    private final AccessPolicy access;

    Pages(Backend backend, AccessPolicy access) {
        this.backend = backend;
        this.access = access;
    }

    /** Sends the entries with these IDs, in this order, that still exist and the asker may still read. */
    void send(OperationContext ctx, AccessContext actx, SearchRun sender, long[] ids) throws LdapException {
        backend.entries(ids, (id, entry, stored, view) -> {
            EntryRights rights = access.rights(actx, entry);
            if (rights.onEntry(Right.READ)) {
                sender.send(id, entry, stored, view, rights);
            }
            return !ctx.isAbandoned();
        });
    }

    /**
     * Serves the next page of a paged search; {@code more} are response controls every page carries
     * (a sorted search's sort result).
     */
    Response page(
            OperationContext ctx,
            AccessContext actx,
            SearchRun sender,
            PagedResultsControl control,
            PagedSearch state,
            String cookie,
            List<Control> more)
            throws LdapException {
        if (control.size() == 0) { // a size of zero abandons the paged search (RFC 2696)
            return new Response(
                    new SearchResultDone(LdapResult.success()), List.of(PagedResultsControl.response(0, new byte[0])));
        }
        int from = state.position();
        int to = (int) Math.min(state.ids().length, (long) from + control.size());
        send(ctx, actx, sender, Arrays.copyOfRange(state.ids(), from, to));
        state.advance(to - from);
        byte[] next = new byte[0];
        if (!state.done()) {
            ctx.session().pagedSearches().put(cookie, state);
            next = HexFormat.of().parseHex(cookie);
        }
        // the size limit counts entries over all pages, as in slapd: the page that reaches it says so
        LdapResult result = state.done() && state.cut()
                ? new LdapResult(ResultCode.SIZE_LIMIT_EXCEEDED, "", "", List.of())
                : LdapResult.success();
        List<Control> controls = new ArrayList<>(more);
        controls.add(PagedResultsControl.response(state.ids().length, next));
        return new Response(new SearchResultDone(result), controls);
    }

    static String newCookie() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
