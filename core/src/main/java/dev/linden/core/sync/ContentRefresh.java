package dev.linden.core.sync;

import dev.linden.backend.Backend;
import dev.linden.backend.ChangeRecord;
import dev.linden.backend.ChangelogState;
import dev.linden.core.acl.EntryRights;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncSyntaxException;
import dev.linden.protocol.Control;
import dev.linden.protocol.sync.SyncIdSet;
import dev.linden.protocol.sync.SyncState;
import dev.linden.protocol.sync.SyncStateControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The refresh stage of a content synchronization (RFC 4533 section 3.3), in one of its two phases:
 * <ul>
 *   <li>present: every entry in the content is named — sent whole (state add) when the consumer has
 *       not seen its entryCSN, else only by entryUUID in syncIdSets — and the consumer deletes what
 *       was not named;</li>
 *   <li>delete: from the changelog records the consumer has not seen, the entries that changed are
 *       sent whole and those that left the content (deleted, moved out of scope, no longer matching
 *       or readable) are named in syncIdSets with refreshDeletes.</li>
 * </ul>
 * A present phase ends with the deletes the changelog still tells, named the same way.
 */
final class ContentRefresh {
    /** UUIDs per syncIdSet message, as slapd sends them. */
    static final int ID_SET_SIZE = 256;

    private static final int RECORDS_PER_READ = 1024;

    private final Backend backend;
    private final Schema schema;
    private final CsnVector seen;

    /** @param seen the consumer's state: the newest CSN it holds per server ID */
    ContentRefresh(Backend backend, CsnVector seen) {
        this.backend = backend;
        this.schema = backend.schema();
        this.seen = seen;
    }

    /** The handler a present phase gives its search run: changed entries sent, the others named. */
    Present presentPhase() {
        return new Present();
    }

    final class Present implements dev.linden.core.operation.SearchRun.Matched {
        private final List<UUID> present = new ArrayList<>(ID_SET_SIZE);

        @Override
        public void matched(
                dev.linden.core.operation.SearchRun run,
                long id,
                Entry entry,
                dev.linden.backend.EntryCodec.Stored stored,
                dev.linden.backend.BackendView view,
                EntryRights rights) {
            UUID uuid = SyncSession.uuidOf(entry, schema);
            if (uuid == null) {
                return; // without an entryUUID an entry cannot be synchronized (none is stored that way)
            }
            if (unseen(entry)) {
                run.send(id, entry, stored, view, rights, List.of(state(SyncState.ADD, uuid)));
            } else {
                present.add(uuid);
                if (present.size() == ID_SET_SIZE) {
                    flush(run);
                }
            }
        }

        /** Names the last unchanged entries; call after the walk. */
        void flush(dev.linden.core.operation.SearchRun run) {
            if (!present.isEmpty()) {
                run.send(new SyncIdSet(null, false, List.copyOf(present)).encode());
                present.clear();
            }
        }
    }

    /**
     * The delete phase: replays the records after {@code state.unseenAfter()} up to {@code state.lastSeq()}
     * that the consumer has not seen, each changed entry once.
     */
    void deletePhase(SyncSession session, ChangelogState state) throws LdapException {
        Set<UUID> changed = unseenRecords(state, r -> !session.fromConsumer(r.csn()));
        inBatches(changed, batch -> sendCurrent(session, batch));
    }

    /**
     * After a present phase's walk: names as deleted the entries whose deletes the changelog records
     * and the consumer has not seen, if they are still gone. The walk alone lets a consumer delete
     * only what it was not named, and a writable consumer keeps an unnamed entry whose creation this
     * server may not have held (see {@code ChangelogState.known}); if this server had it and applied
     * its delete before the refresh began, that entry would otherwise stay on the consumer.
     */
    void deletedSince(SyncSession session, ChangelogState state) throws LdapException {
        Set<UUID> deleted = unseenRecords(
                state, r -> r.kind() == dev.linden.backend.ChangeKind.DELETE && session.inScope(r.dn(), schema));
        inBatches(deleted, batch -> sendGone(session, batch));
    }

    /**
     * The entryUUIDs, each once in the order first met, of the records after {@code state.unseenAfter()}
     * up to {@code state.lastSeq()} that the consumer has not seen and that {@code which} accepts.
     */
    private Set<UUID> unseenRecords(ChangelogState state, java.util.function.Predicate<ChangeRecord> which) {
        Set<UUID> uuids = new LinkedHashSet<>();
        long seq = state.unseenAfter();
        while (seq < state.lastSeq()) {
            List<ChangeRecord> records = backend.changesAfter(seq, RECORDS_PER_READ);
            if (records.isEmpty()) {
                break;
            }
            for (ChangeRecord r : records) {
                if (r.seq() > state.lastSeq()) {
                    break;
                }
                if (unseen(r.csn()) && which.test(r)) {
                    uuids.add(SyncSession.uuid(r.uuid()));
                }
                seq = r.seq();
            }
        }
        return uuids;
    }

    private interface Batch {
        void send(List<UUID> uuids) throws LdapException;
    }

    /** Hands the UUIDs on in lists of at most {@link #ID_SET_SIZE}, as syncIdSets carry them. */
    private static void inBatches(Set<UUID> uuids, Batch send) throws LdapException {
        List<UUID> batch = new ArrayList<>(ID_SET_SIZE);
        for (UUID uuid : uuids) {
            batch.add(uuid);
            if (batch.size() == ID_SET_SIZE) {
                send.send(batch);
                batch.clear();
            }
        }
        send.send(batch);
    }

    private void sendGone(SyncSession session, List<UUID> uuids) throws LdapException {
        if (uuids.isEmpty()) {
            return;
        }
        List<UUID> gone = new ArrayList<>();
        backend.byUuids(uuids, (id, entry, stored, view) -> true, gone::add);
        if (!gone.isEmpty()) {
            session.run().send(new SyncIdSet(null, true, gone).encode());
        }
    }

    /** Sends the entries with these UUIDs as they are now, and names those gone from the content as deleted. */
    private void sendCurrent(SyncSession session, List<UUID> uuids) throws LdapException {
        if (uuids.isEmpty()) {
            return;
        }
        List<UUID> gone = new ArrayList<>();
        backend.byUuids(
                uuids,
                (id, entry, stored, view) -> {
                    UUID uuid = SyncSession.uuidOf(entry, schema);
                    EntryRights rights =
                            session.inScope(entry.dn()) ? session.run().matches(id, entry, view) : null;
                    if (rights == null) {
                        gone.add(uuid);
                    } else {
                        session.run().send(id, entry, stored, view, rights, List.of(state(SyncState.ADD, uuid)));
                    }
                    return true;
                },
                gone::add);
        if (!gone.isEmpty()) {
            session.run().send(new SyncIdSet(null, true, gone).encode());
        }
    }

    private boolean unseen(Entry entry) {
        var a = entry.get(schema.attributeType("entryCSN"));
        if (a == null || a.isEmpty()) {
            return true;
        }
        try {
            return unseen(Csn.parse(new String(a.values().get(0), StandardCharsets.US_ASCII)));
        } catch (SyncSyntaxException e) {
            return true;
        }
    }

    private boolean unseen(Csn csn) {
        Csn known = seen.get(csn.sid()).orElse(null);
        return known == null || csn.compareTo(known) > 0;
    }

    static Control state(SyncState state, UUID uuid) {
        return new SyncStateControl(state, uuid, null).encode();
    }
}
