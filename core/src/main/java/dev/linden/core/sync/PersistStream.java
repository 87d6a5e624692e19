package dev.linden.core.sync;

import dev.linden.backend.Backend;
import dev.linden.backend.ChangeKind;
import dev.linden.backend.ChangeRecord;
import dev.linden.core.acl.EntryRights;
import dev.linden.model.LdapException;
import dev.linden.model.sync.CsnVector;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.SearchResultDone;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import java.util.List;
import java.util.UUID;

/**
 * The persist stage of a refreshAndPersist synchronization (RFC 4533 section 3.4): follows the
 * changelog from where the refresh stood, in commit order, and sends each change as the entry is now
 * (add or modify), or its end (delete: deleted, or moved out of the content). It reads the changelog
 * at its own pace, so a slow consumer holds no queue in memory and never slows a write; a consumer
 * so far behind that retention dropped changes it has not been sent, or more than {@code maxLag}
 * changes behind, is told e-syncRefreshRequired and refreshes when it comes back.
 */
final class PersistStream {
    private static final int RECORDS_PER_READ = 256;
    private static final long WAKE_MILLIS = 1000;

    private final Backend backend;
    private final SyncSession session;
    private final long maxLag;
    private final SyncRegistry.Stream stream;

    PersistStream(Backend backend, SyncSession session, long maxLag, SyncRegistry.Stream stream) {
        this.backend = backend;
        this.session = session;
        this.maxLag = maxLag;
        this.stream = stream;
    }

    /** Streams the changes after {@code seq} until the search is abandoned or the consumer must refresh. */
    void follow(long seq) throws LdapException, InterruptedException {
        session.run().flush(); // the refresh's end goes out now, not with the first change
        while (!session.run().abandoned()) {
            List<ChangeRecord> records = backend.changesAfter(seq, RECORDS_PER_READ);
            if (records.isEmpty()) {
                long from = seq;
                session.run().idle(() -> backend.awaitChangesAfter(from, WAKE_MILLIS));
                continue;
            }
            long last = backend.changelogState(CsnVector.EMPTY).lastSeq();
            if (records.getFirst().seq() != seq + 1 || last - seq > maxLag) {
                refreshRequired(
                        records.getFirst().seq() != seq + 1
                                ? "changes not yet sent were dropped from the changelog"
                                : "the consumer is more than " + maxLag + " changes behind");
                return;
            }
            for (ChangeRecord r : records) {
                if (session.run().abandoned()) {
                    return;
                }
                if (!session.fromConsumer(r.csn())) { // never back to where it started
                    send(r);
                }
                seq = r.seq();
                stream.at(seq, r.csn());
                stream.sent(1);
            }
            session.run().flush();
        }
    }

    private void send(ChangeRecord r) throws LdapException {
        UUID uuid = SyncSession.uuid(r.uuid());
        byte[] cookie = session.cookie(CsnVector.of(r.csn())); // only this change's CSN, as slapd sends
        if (r.kind() == ChangeKind.DELETE) {
            if (session.inScope(r.dn(), backend.schema())) {
                gone(r.dn(), uuid, cookie);
            }
            return;
        }
        SyncState state = r.kind() == ChangeKind.ADD ? SyncState.ADD : SyncState.MODIFY;
        backend.byUuids(
                List.of(uuid),
                (id, entry, stored, view) -> {
                    EntryRights rights =
                            session.inScope(entry.dn()) ? session.run().matches(id, entry, view) : null;
                    if (rights != null) {
                        session.run()
                                .send(
                                        id,
                                        entry,
                                        stored,
                                        view,
                                        rights,
                                        List.of(new SyncStateControl(state, uuid, cookie).encode()));
                    } else if (session.inScope(r.previousDn() != null ? r.previousDn() : r.dn(), backend.schema())) {
                        gone(
                                entry.dn().toString(),
                                uuid,
                                cookie); // it left the content: moved out, or no longer matches
                    }
                    return true;
                },
                missing -> {}); // deleted since: its own record follows
    }

    private void gone(String dn, UUID uuid, byte[] cookie) {
        session.run()
                .send(
                        new SearchResultEntry(dn, List.of()),
                        List.of(new SyncStateControl(SyncState.DELETE, uuid, cookie).encode()));
    }

    private void refreshRequired(String why) {
        session.run()
                .send(
                        new SearchResultDone(new LdapResult(ResultCode.E_SYNC_REFRESH_REQUIRED, "", why, List.of())),
                        List.of());
    }
}
