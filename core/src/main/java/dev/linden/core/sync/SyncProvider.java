package dev.linden.core.sync;

import dev.linden.backend.Backend;
import dev.linden.backend.ChangelogState;
import dev.linden.backend.SearchSpec;
import dev.linden.core.Response;
import dev.linden.core.operation.SearchRun;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncCookie;
import dev.linden.model.sync.SyncSyntaxException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.sync.RefreshDelete;
import dev.linden.protocol.sync.RefreshPresent;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncMode;
import dev.linden.protocol.sync.SyncRequestControl;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Serves a search with the Sync Request control (RFC 4533, OpenLDAP's syncprov): a refresh, then for
 * refreshAndPersist the changes as they commit. The consumer's cookie decides the refresh's phase: no
 * usable cookie, or one older than what the changelog still tells, is a present phase over the whole
 * content; a cookie the changelog covers is a delete phase from its records alone. Every entry goes
 * through the asker's access rights and the filter, as in any search.
 */
public final class SyncProvider {
    /** How far behind a persisting consumer may fall (in changes) before it is told to refresh. */
    public static final long MAX_LAG = 100_000;

    private final Backend backend;
    private final SyncRegistry registry;

    public SyncProvider(Backend backend, SyncRegistry registry) {
        this.backend = backend;
        this.registry = registry;
    }

    /** Reads the request's Sync Request control; a malformed one is a protocol error. */
    public static SyncRequestControl control(Control control) throws LdapException {
        try {
            return SyncRequestControl.decode(control);
        } catch (BerException e) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "malformed Sync Request control: " + e.getMessage());
        }
    }

    /**
     * Runs the synchronization: {@code runs} makes the search run (access, filter, sending) for a given
     * match handler; {@code visible} says which entries the asker may know exist; {@code unindexedLimit}
     * bounds a present phase whose filter no index narrows (0: none, for replication identities).
     *
     * @return the final response of a refreshOnly search or of a persist stage that must end (the
     *     consumer must refresh); null when the search was abandoned
     */
    public Response execute(
            dev.linden.core.Session asker,
            SearchRequest request,
            Dn base,
            SyncRequestControl control,
            Function<SearchRun.Matched, SearchRun> runs,
            Predicate<Entry> visible,
            int unindexedLimit)
            throws LdapException {
        SyncRegistry.Stream stream = registry.open(
                asker.id(),
                asker.boundDn().toString(),
                asker.clientAddress(),
                control.mode() == SyncMode.REFRESH_AND_PERSIST);
        try {
            return serve(request, base, control, runs, visible, unindexedLimit, stream);
        } finally {
            registry.close(stream);
        }
    }

    private Response serve(
            SearchRequest request,
            Dn base,
            SyncRequestControl control,
            Function<SearchRun.Matched, SearchRun> runs,
            Predicate<Entry> visible,
            int unindexedLimit,
            SyncRegistry.Stream stream)
            throws LdapException {
        SyncCookie cookie = cookie(control.cookie());
        CsnVector seen = cookie.csns();
        ChangelogState state = backend.changelogState(seen); // before the walk: what follows is sent again, never lost
        boolean deletePhase = !seen.isEmpty() && state.covers();
        ContentRefresh refresh = new ContentRefresh(backend, seen);
        ContentRefresh.Present present = refresh.presentPhase();
        SearchRun run = runs.apply(deletePhase ? SearchRun.SEND : present);
        SyncSession session = new SyncSession(
                run, base, request.scope(), control.mode(), cookie.rid(), seen, backend.serverId(), cookie.sid());
        if (deletePhase) {
            refresh.deletePhase(session, state);
        } else {
            backend.search(
                    SearchSpec.of(base, request.scope(), request.filter(), unindexedLimit)
                            .seeing(visible),
                    run);
            present.flush(run);
            if (!run.abandoned()) {
                refresh.deletedSince(session, state);
            }
        }
        if (run.abandoned()) {
            return null;
        }
        stream.sent(run.matched());
        stream.refreshed(state.lastSeq());
        // not the contextCSN: of other servers' changes it may name one whose predecessors are not
        // here yet, and a consumer deletes what a present phase left out only below the cookie
        byte[] done = session.cookie(state.known());
        if (control.mode() == SyncMode.REFRESH_ONLY) {
            return new Response(
                    new SearchResultDone(LdapResult.success()),
                    List.of(new SyncDoneControl(done, deletePhase).encode()));
        }
        run.send(deletePhase ? new RefreshDelete(done, true).encode() : new RefreshPresent(done, true).encode());
        try {
            new PersistStream(backend, session, MAX_LAG, stream).follow(state.lastSeq());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null; // abandoned, or ended with e-syncRefreshRequired sent by the stream
    }

    /**
     * The consumer's cookie; one that cannot be read is no cookie (a full refresh follows, as slapd
     * does for a cookie without rid), so a damaged cookie costs a reload, never a wrong state.
     */
    private static SyncCookie cookie(byte[] value) {
        if (value == null || value.length == 0) {
            return SyncCookie.EMPTY;
        }
        try {
            return SyncCookie.parse(value);
        } catch (SyncSyntaxException e) {
            return SyncCookie.EMPTY;
        }
    }
}
