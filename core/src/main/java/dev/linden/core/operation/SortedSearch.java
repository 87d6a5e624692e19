package dev.linden.core.operation;

import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.control.PagedResultsControl;
import dev.linden.core.control.PagedSearch;
import dev.linden.core.control.SortControl;
import dev.linden.core.control.SortedList;
import dev.linden.core.control.VlvContexts;
import dev.linden.core.control.VlvControl;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.SearchResultDone;
import java.util.ArrayList;
import java.util.List;

/**
 * A search with the server-side sort control (RFC 2891), and with it a virtual list view
 * (draft-ietf-ldapext-ldapv3-vlv) or paged results, answered as slapd's sssvlv answers: the walk keeps
 * each matching entry's ID and sort keys ({@link SortedList}), then the entries go out in order — all
 * of them, a page at a time, or the window a VLV asks for, the list kept under a context ID so that
 * scrolling on does not walk again. A critical sort whose walk did not complete sends no entries.
 */
final class SortedSearch {
    private final Schema schema;
    private final Pages pages;
    private final int sortLimit;
    private final int vlvContexts;

    SortedSearch(Schema schema, Pages pages, int sortLimit, int vlvContexts) {
        this.schema = schema;
        this.pages = pages;
        this.sortLimit = sortLimit;
        this.vlvContexts = vlvContexts;
    }

    /**
     * @param walk runs the search's walk with the given match handler and returns its run
     * @param sender a run that sends entries (no limits), for the ordered entries
     */
    Response execute(
            OperationContext ctx,
            AccessContext actx,
            SortControl sort,
            VlvControl vlv,
            PagedResultsControl paged,
            String fingerprint,
            Walk walk,
            SearchRun sender)
            throws LdapException {
        if (vlv != null && paged != null) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "VLV incompatible with PagedResults");
        }
        VlvContexts contexts = ctx.session().vlvContexts();
        VlvContexts.View view = vlv == null ? null : contexts.get(vlv.contextId(), fingerprint);
        SortedList list;
        byte[] contextId;
        ResultCode walked = ResultCode.SUCCESS;
        if (view != null) { // scrolling on in a list already made
            list = view.list();
            contextId = vlv.contextId();
        } else {
            SortedList collecting = new SortedList(sort, schema);
            boolean bounded = !ctx.session().isAdministrator();
            SearchRun run = walk.run((r, id, entry, stored, v, rights) -> {
                if (bounded && collecting.size() >= sortLimit) {
                    throw new LdapException(
                            ResultCode.ADMIN_LIMIT_EXCEEDED,
                            "more than " + sortLimit + " entries to sort",
                            "",
                            List.of(SortControl.response(ResultCode.ADMIN_LIMIT_EXCEEDED)));
                }
                collecting.add(id, entry, type -> rights.on(type, Right.READ));
            });
            if (run == null) {
                return null; // abandoned
            }
            list = collecting.sort();
            walked = run.exceeded() ? ResultCode.SIZE_LIMIT_EXCEEDED : ResultCode.SUCCESS;
            view = vlv == null ? null : new VlvContexts.View(list, fingerprint);
            contextId = vlv == null ? null : contexts.put(view, vlvContexts);
        }
        if (paged != null) {
            PagedSearch state =
                    new PagedSearch(list.ids(0, list.size()), fingerprint, walked != ResultCode.SUCCESS, true);
            return pages.page(
                    ctx,
                    actx,
                    sender,
                    paged,
                    state,
                    Pages.newCookie(),
                    List.of(SortControl.response(ResultCode.SUCCESS)));
        }
        if (vlv != null) {
            return window(ctx, actx, vlv, view, contextId, sender);
        }
        if (walked == ResultCode.SUCCESS || !sort.critical()) { // RFC 2891: critical, only entries sorted in full
            pages.send(ctx, actx, sender, list.ids(0, list.size()));
        }
        return done(walked, List.of(SortControl.response(walked)));
    }

    /** Sends the window a VLV asks for around its target, as sssvlv places it. */
    private Response window(
            OperationContext ctx,
            AccessContext actx,
            VlvControl vlv,
            VlvContexts.View view,
            byte[] contextId,
            SearchRun sender)
            throws LdapException {
        SortedList list = view.list();
        int n = list.size();
        int target;
        int at; // 0-based position of the target; -1: past the end (by value)
        if (vlv.value() == null) {
            if (vlv.offset() == vlv.count()) { // the last entry
                target = n;
                at = n - 1;
            } else if (vlv.offset() == 1) {
                target = 1;
                at = 0;
            } else {
                boolean scaled = vlv.count() != 0 && vlv.count() != n;
                if (vlv.offset() > (scaled ? vlv.count() : n)) {
                    throw new LdapException(
                            ResultCode.VIRTUAL_LIST_VIEW_ERROR,
                            "offset out of range",
                            "",
                            List.of(VlvControl.response(view.lastTarget(), n, VlvControl.RANGE_ERROR, contextId)));
                }
                target = scaled ? (int) ((long) n * vlv.offset() / vlv.count()) : vlv.offset();
                at = Math.max(target, 1) - 1;
            }
        } else {
            int first = list.firstAtOrAfter(vlv.value());
            target = first + 1;
            at = first == n ? -1 : first;
        }
        List<Control> controls = new ArrayList<>(List.of(SortControl.response(ResultCode.SUCCESS)));
        if (n > 0) {
            int taken = 0;
            if (at < 0) { // the window ends with the last entry, which counts among those before
                taken = 1;
                at = n - 1;
            }
            while (taken < vlv.before() && at > 0) {
                at--;
                taken++;
            }
            int to = (int) Math.min(n, (long) at + taken + vlv.after() + 1);
            pages.send(ctx, actx, sender, list.ids(at, to));
        }
        view.lastTarget(n == 0 ? 0 : target);
        controls.add(VlvControl.response(view.lastTarget(), n, 0, contextId));
        return done(ResultCode.SUCCESS, controls);
    }

    private static Response done(ResultCode code, List<Control> controls) {
        return new Response(new SearchResultDone(new LdapResult(code, "", "", List.of())), controls);
    }

    /** Runs the search's walk with a match handler; returns the run, or null when the search was abandoned. */
    @FunctionalInterface
    interface Walk {
        SearchRun run(SearchRun.Matched onMatch) throws LdapException;
    }
}
