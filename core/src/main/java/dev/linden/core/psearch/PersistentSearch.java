package dev.linden.core.psearch;

import dev.linden.backend.Backend;
import dev.linden.backend.ChangeKind;
import dev.linden.backend.ChangeRecord;
import dev.linden.core.acl.EntryRights;
import dev.linden.core.control.PersistentSearchControl;
import dev.linden.core.operation.SearchRun;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.LdapException;
import dev.linden.model.sync.CsnVector;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.op.SearchResultEntry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * The changes stage of a persistent search (draft-ietf-ldapext-psearch): follows the changelog from
 * where the search began, in commit order, and sends each change of the kinds asked for as the entry
 * is now, if it is in scope, matches the filter and the asker may read it (a deleted entry, or one
 * renamed and deleted before this watcher read the rename: its DN alone, in scope); with the entry
 * change notification control when asked. It reads the changelog at
 * its own pace, so a slow watcher holds no queue in memory and never slows a write; one so far behind
 * that retention dropped changes it has not been sent, or more than {@code maxLag} behind, is ended
 * with adminLimitExceeded. Waiting for changes lends its worker thread.
 */
final class PersistentSearch {
    private static final int RECORDS_PER_READ = 256;
    private static final long WAKE_MILLIS = 1000;

    private final Backend backend;
    private final SearchRun run;
    private final PersistentSearchControl control;
    private final Dn base;
    private final SearchScope scope;
    private final long maxLag;

    PersistentSearch(
            Backend backend, SearchRun run, PersistentSearchControl control, Dn base, SearchScope scope, long maxLag) {
        this.backend = backend;
        this.run = run;
        this.control = control;
        this.base = base;
        this.scope = scope;
        this.maxLag = maxLag;
    }

    /** Sends the changes after {@code seq} until the search is abandoned or canceled, or falls too far behind. */
    void follow(long seq) throws LdapException, InterruptedException {
        run.flush();
        while (!run.abandoned()) {
            List<ChangeRecord> records = backend.changesAfter(seq, RECORDS_PER_READ);
            if (records.isEmpty()) {
                long from = seq;
                run.idle(() -> backend.awaitChangesAfter(from, WAKE_MILLIS));
                continue;
            }
            long last = backend.changelogState(CsnVector.EMPTY).lastSeq();
            if (records.getFirst().seq() != seq + 1 || last - seq > maxLag) {
                throw new LdapException(
                        ResultCode.ADMIN_LIMIT_EXCEEDED,
                        "the persistent search fell behind the changes it was to send");
            }
            for (ChangeRecord r : records) {
                if (run.abandoned()) {
                    return;
                }
                send(r);
                seq = r.seq();
            }
            run.flush();
        }
    }

    private void send(ChangeRecord r) throws LdapException {
        int type = switch (r.kind()) {
            case ADD -> PersistentSearchControl.ADD;
            case DELETE -> PersistentSearchControl.DELETE;
            case MODIFY -> PersistentSearchControl.MODIFY;
            case RENAME -> PersistentSearchControl.MOD_DN;
        };
        if (!control.wants(type)) {
            return;
        }
        List<Control> controls = control.returnEcs()
                ? List.of(PersistentSearchControl.notification(type, r.previousDn(), r.seq()))
                : List.of();
        if (r.kind() == ChangeKind.DELETE) {
            if (inScope(r.dn())) { // the entry is gone: its name is all there is to send
                run.send(new SearchResultEntry(r.dn(), List.of()), controls);
            }
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(r.uuid());
        backend.byUuids(
                List.of(new UUID(b.getLong(), b.getLong())),
                (id, entry, stored, view) -> {
                    EntryRights rights = inScope(entry.dn().toString()) ? run.matches(id, entry, view) : null;
                    if (rights != null) {
                        run.send(id, entry, stored, view, rights, controls);
                    }
                    return true;
                },
                missing -> {
                    // deleted since (its own record follows): a rename still says where the entry went, by name
                    // alone as a delete does, so that a watcher that knew the old name can follow it to the delete
                    if (r.kind() == ChangeKind.RENAME && inScope(r.dn())) {
                        run.send(new SearchResultEntry(r.dn(), List.of()), controls);
                    }
                });
    }

    private boolean inScope(String dn) {
        Dn parsed;
        try {
            parsed = DnSyntax.parse(dn, backend.schema());
        } catch (LdapException e) {
            return false;
        }
        return switch (scope) {
            case BASE -> parsed.equals(base);
            case ONE -> base.equals(parsed.parent());
            case SUB -> parsed.isWithin(base);
            case SUBORDINATES -> parsed.isWithin(base) && !parsed.equals(base);
        };
    }
}
