package dev.linden.core.psearch;

import dev.linden.backend.Backend;
import dev.linden.core.control.PersistentSearchControl;
import dev.linden.core.operation.SearchRun;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.model.sync.CsnVector;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The persistent searches of a server (draft-ietf-ldapext-psearch), at most {@code max} at once (busy
 * past it). Each takes the changelog's position before its initial search (when it has one), so a
 * change made meanwhile is sent after it, never lost; then it follows the changelog until abandoned or
 * canceled.
 */
public final class PersistentSearches {
    /** How far behind a watcher may fall (in changes) before it is ended. */
    public static final long MAX_LAG = 100_000;

    private final Backend backend;
    private final int max;
    private final AtomicInteger running = new AtomicInteger();

    public PersistentSearches(Backend backend, int max) {
        this.backend = backend;
        this.max = max;
    }

    /** Initial search, when asked for, then the changes. */
    @FunctionalInterface
    public interface Initial {
        void search() throws LdapException;
    }

    /**
     * Runs a persistent search: {@code initial} sends the entries as they are (skipped with
     * changesOnly), then the changes follow. Returns when the search was abandoned or canceled.
     */
    public void run(SearchRun run, PersistentSearchControl control, Dn base, SearchScope scope, Initial initial)
            throws LdapException {
        if (running.incrementAndGet() > max) {
            running.decrementAndGet();
            throw new LdapException(ResultCode.BUSY, "too many persistent searches (" + max + ")");
        }
        try {
            long seq = backend.changelogState(CsnVector.EMPTY).lastSeq(); // before the initial search: nothing is lost
            if (!control.changesOnly()) {
                initial.search();
            }
            new PersistentSearch(backend, run, control, base, scope, MAX_LAG).follow(seq);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    }

    /** How many persistent searches are running (for monitoring and tests). */
    public int running() {
        return running.get();
    }
}
