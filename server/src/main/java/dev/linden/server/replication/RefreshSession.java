package dev.linden.server.replication;

import dev.linden.backend.Backend;
import dev.linden.backend.ReplicaChange;
import dev.linden.backend.SearchSpec;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.sync.Csn;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncCookie;
import dev.linden.model.sync.SyncSyntaxException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.op.IntermediateResponse;
import dev.linden.protocol.op.SearchResultEntry;
import dev.linden.protocol.sync.NewCookie;
import dev.linden.protocol.sync.RefreshDelete;
import dev.linden.protocol.sync.RefreshPresent;
import dev.linden.protocol.sync.SyncDoneControl;
import dev.linden.protocol.sync.SyncIdSet;
import dev.linden.protocol.sync.SyncInfo;
import dev.linden.protocol.sync.SyncStateControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One synchronization as the consumer lives it: entries and deletes are applied in batches (one store
 * transaction each, with the cookie when the provider gave one, so the stored cookie never gets ahead
 * of the data); during the refresh every entryUUID the provider names is remembered, and when a
 * present phase ends — and only when it ends, complete — the local entries it did not name are
 * deleted. A refresh cut short deletes nothing: the next one starts from the stored cookie again.
 */
final class RefreshSession {
    private static final int BATCH = 512;

    private final SyncSourceSettings source;
    private final Backend backend;
    private final ConsumerStatus status;
    private final IncomingEntry incoming;
    private final boolean fullReload;
    private final boolean writable;
    private final List<ReplicaChange> batch = new ArrayList<>();
    private final Set<UUID> named = new HashSet<>();
    private SyncCookie cookie;
    private CsnVector told = CsnVector.EMPTY; // the provider's state as its cookies during this refresh tell it
    private CsnVector held = CsnVector.EMPTY; // what this server holds for sure once the batch is applied
    private int providerSid = -1; // the provider's server ID, from its cookies (-1: none given)
    private boolean cookieChanged;
    private boolean refreshing = true;
    private Csn newest;

    /**
     * @param fullReload whether the request went without a cookie: everything the provider holds will be named
     * @param writable whether this server takes writes too: entries made here that the provider has not
     *     seen yet are kept when its refresh does not name them
     */
    RefreshSession(
            SyncSourceSettings source, Backend backend, ConsumerStatus status, boolean fullReload, boolean writable) {
        this.writable = writable;
        this.source = source;
        this.backend = backend;
        this.status = status;
        this.incoming = new IncomingEntry(backend.schema());
        this.fullReload = fullReload;
        this.cookie = stored(backend.syncCookie(source.cookieKey()), source.rid());
    }

    boolean refreshing() {
        return refreshing;
    }

    /** One message of the synchronization (not its final response); {@code quiet}: nothing more is waiting to be read. */
    void message(LdapMessage m, boolean quiet) throws IOException, LdapException {
        switch (m.op()) {
            case SearchResultEntry e -> entry(e, state(m));
            case IntermediateResponse i when SyncInfo.OID.equals(i.oid()) -> info(decode(i));
            default -> {}
        }
        if (batch.size() >= BATCH || (quiet && !batch.isEmpty()) || (quiet && cookieChanged && !refreshing)) {
            flush();
        }
    }

    private void entry(SearchResultEntry e, SyncStateControl state) throws IOException, LdapException {
        if (state == null) {
            throw new IOException("an entry without the Sync State control: " + e.dn());
        }
        if (refreshing) {
            named.add(state.entryUuid());
        }
        switch (state.state()) {
            case ADD, MODIFY -> {
                Entry entry = incoming.of(e);
                Entry withUuid = entry;
                if (entry.get(backend.schema().attributeType("entryUUID")) == null) {
                    withUuid = entry.copy(); // the provider did not send it: the control names it
                    withUuid.put(
                            backend.schema().attributeType("entryUUID"),
                            state.entryUuid().toString());
                }
                batch.add(new ReplicaChange.Upsert(withUuid));
                note(csnOf(withUuid));
            }
            case DELETE -> batch.add(new ReplicaChange.Delete(state.entryUuid(), newestOf(state.cookie())));
            case PRESENT -> {}
        }
        if (state.cookie() != null) {
            adopt(state.cookie(), false); // one change's CSN: not the provider's state
        }
    }

    private void info(SyncInfo info) throws LdapException {
        switch (info) {
            case NewCookie c -> adopt(c.cookie());
            case SyncIdSet ids -> {
                if (ids.refreshDeletes()) {
                    for (UUID uuid : ids.syncUuids()) {
                        batch.add(new ReplicaChange.Delete(uuid, null));
                    }
                } else {
                    named.addAll(ids.syncUuids());
                }
                if (ids.cookie() != null) {
                    adopt(ids.cookie());
                }
            }
            case RefreshDelete d -> {
                adopt(d.cookie());
                if (d.refreshDone()) {
                    endRefresh(false);
                }
            }
            case RefreshPresent p -> {
                adopt(p.cookie());
                if (p.refreshDone()) {
                    endRefresh(true);
                }
            }
        }
    }

    /** The final response of a refreshOnly synchronization (or of a persist stage the provider ended). */
    void done(SyncDoneControl done) throws LdapException {
        if (done != null) {
            adopt(done.cookie());
        }
        if (refreshing) {
            endRefresh(done == null || !done.refreshDeletes());
        } else {
            flush();
        }
    }

    /**
     * The refresh is complete: a present phase (or a reload without a cookie, whatever the provider
     * calls it) deletes the local entries in scope it did not name, then the cookie is stored.
     */
    private void endRefresh(boolean present) throws LdapException {
        flush();
        if (present || fullReload) {
            deleteUnnamed();
            held = held.merge(told); // the whole content, as it stood at the provider's final cookie
        } else { // a delete phase brings what the stored cookie lacked: of the provider's own changes, all
            told.get(providerSid).ifPresent(csn -> held = held.merge(CsnVector.of(csn)));
        }
        refreshing = false;
        named.clear();
        status.refreshed();
        cookieChanged = true;
        flush();
        status.state(source.persist() ? ConsumerStatus.State.PERSISTING : ConsumerStatus.State.POLLING);
    }

    private void deleteUnnamed() throws LdapException {
        List<Entry> unnamed = new ArrayList<>();
        try {
            backend.search(
                    SearchSpec.of(
                            DnSyntax.parse(source.base(), backend.schema()),
                            source.scope(),
                            new Filter.Present("objectClass"),
                            0),
                    (id, entry, stored, view) -> {
                        UUID uuid = uuidOf(entry);
                        if (uuid != null && !named.contains(uuid) && !unseenByProvider(entry)) {
                            unnamed.add(entry);
                        }
                        return true;
                    });
        } catch (LdapException e) {
            if (e.code() != dev.linden.protocol.ResultCode.NO_SUCH_OBJECT) {
                throw e;
            }
        }
        unnamed.sort(Comparator.comparingInt((Entry e) -> e.dn().size()).reversed()); // children first
        for (Entry e : unnamed) {
            batch.add(new ReplicaChange.Delete(uuidOf(e), null));
            if (batch.size() >= BATCH) {
                applyBatch(false);
            }
        }
    }

    /**
     * Whether the provider may not have had the entry's creation when its refresh began (made here, or
     * on a server whose changes have not all reached it): then its not naming the entry does not mean
     * it was deleted there. What the provider's cookies told during this refresh decides, not the
     * stored cookie: a Linden provider's final cookie names per server ID a CSN up to which it holds
     * every change, while a cookie of a single change (persist stage) may run ahead of earlier ones.
     */
    private boolean unseenByProvider(Entry entry) {
        if (!writable) {
            return false;
        }
        Csn created = backend.createdAt(entry);
        Csn seen = told.get(created.sid()).orElse(null);
        return seen == null || seen.compareTo(created) < 0;
    }

    /** Applies what is batched, with the cookie when it moved (never during a refresh: it is stored at its end). */
    private void flush() throws LdapException {
        applyBatch(!refreshing && cookieChanged);
    }

    private void applyBatch(boolean withCookie) throws LdapException {
        if (batch.isEmpty() && !withCookie) {
            return;
        }
        var outcome = backend.applyReplicated(
                List.copyOf(batch),
                withCookie ? source.cookieKey() : null,
                withCookie ? cookie.toBytes() : null,
                withCookie ? held : CsnVector.EMPTY);
        for (String problem : outcome.problems()) {
            org.slf4j.LoggerFactory.getLogger(RefreshSession.class)
                    .warn("replication from {} (rid {}): {}", source.provider(), source.rid(), problem);
        }
        status.applied(newest, outcome.applied(), System.currentTimeMillis());
        batch.clear();
        if (withCookie) {
            cookieChanged = false;
            held = CsnVector.EMPTY;
        }
    }

    /** Takes the provider's cookie: its CSNs merged into what is held, the replica ID kept. */
    private void adopt(byte[] value) {
        adopt(value, true);
    }

    /** @param state whether the cookie tells the provider's state (a refresh's messages), not one change's CSN */
    private void adopt(byte[] value, boolean state) {
        if (value == null) {
            return;
        }
        try {
            SyncCookie got = SyncCookie.parse(value);
            got.sid().ifPresent(sid -> providerSid = sid);
            cookie = cookie.withCsns(cookie.csns().merge(got.csns()));
            if (refreshing) {
                if (state) {
                    told = told.merge(got.csns());
                }
            } else { // persisting: the provider's own changes come in the order of their CSNs
                got.csns().get(providerSid).ifPresent(csn -> held = held.merge(CsnVector.of(csn)));
            }
            cookieChanged = true;
            got.csns().newest().ifPresent(this::note);
        } catch (SyncSyntaxException e) {
            // a cookie this consumer cannot read is not stored: the next synchronization starts from the last good one
        }
    }

    private void note(Csn csn) {
        if (csn != null && (newest == null || csn.compareTo(newest) > 0)) {
            newest = csn;
        }
    }

    private static SyncCookie stored(byte[] value, int rid) {
        if (value != null) {
            try {
                return SyncCookie.parse(value);
            } catch (SyncSyntaxException e) {
                // damaged: start from nothing (a full refresh)
            }
        }
        return SyncCookie.EMPTY.withRid(rid);
    }

    private static Csn newestOf(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return SyncCookie.parse(value).csns().newest().orElse(null);
        } catch (SyncSyntaxException e) {
            return null;
        }
    }

    private Csn csnOf(Entry e) {
        var a = e.get(backend.schema().attributeType("entryCSN"));
        if (a == null || a.isEmpty()) {
            return null;
        }
        try {
            return Csn.parse(new String(a.values().get(0), StandardCharsets.US_ASCII));
        } catch (SyncSyntaxException ex) {
            return null;
        }
    }

    private UUID uuidOf(Entry e) {
        var a = e.get(backend.schema().attributeType("entryUUID"));
        if (a == null || a.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(a.values().get(0), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static SyncStateControl state(LdapMessage m) throws IOException {
        for (Control c : m.controls()) {
            if (c.oid().equals(SyncStateControl.OID)) {
                try {
                    return SyncStateControl.decode(c);
                } catch (BerException e) {
                    throw new IOException("malformed Sync State control: " + e.getMessage());
                }
            }
        }
        return null;
    }

    private static SyncInfo decode(IntermediateResponse i) throws IOException {
        try {
            return SyncInfo.decode(i);
        } catch (BerException e) {
            throw new IOException("malformed Sync Info message: " + e.getMessage());
        }
    }
}
