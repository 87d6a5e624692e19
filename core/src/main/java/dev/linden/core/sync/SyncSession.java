package dev.linden.core.sync;

import dev.linden.core.operation.SearchRun;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.sync.CsnVector;
import dev.linden.model.sync.SyncCookie;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.sync.SyncMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One content synchronization (RFC 4533) being served: the consumer's request and state, and the
 * search run that checks access and the filter and sends entries.
 *
 * @param run sends entries and checks each against the asker's rights and the filter
 * @param base the search base
 * @param scope the search scope
 * @param mode refreshOnly or refreshAndPersist
 * @param rid the consumer's replica ID from its cookie, echoed in every cookie sent back
 * @param seen the consumer's state: the newest CSN it holds per server ID (empty: none)
 * @param serverId this server's ID, written as the cookies' sid
 * @param consumerSid the consumer's own server ID when it gave one (a writable peer in a mesh): the
 *     changes that started there are never sent back to it
 */
record SyncSession(
        SearchRun run,
        Dn base,
        SearchScope scope,
        SyncMode mode,
        OptionalInt rid,
        CsnVector seen,
        int serverId,
        OptionalInt consumerSid) {

    /**
     * Whether a change with this CSN started at the consumer itself (and so is not sent to it). A
     * cookie naming this server's own ID is one of its cookies given back as it was (a client that
     * stores and replays them), not a peer: it gets everything.
     */
    boolean fromConsumer(dev.linden.model.sync.Csn csn) {
        return consumerSid.isPresent() && consumerSid.getAsInt() != serverId && consumerSid.getAsInt() == csn.sid();
    }

    /** A cookie telling the consumer it holds everything up to {@code state}. */
    byte[] cookie(CsnVector state) {
        return new SyncCookie(rid, OptionalInt.of(serverId), state, java.util.Optional.empty()).toBytes();
    }

    /** As {@link #inScope(Dn)}, for a DN as a changelog record keeps it (one that does not parse is not). */
    boolean inScope(String dn, dev.linden.model.schema.Schema schema) {
        try {
            return inScope(dev.linden.model.DnSyntax.parse(dn, schema));
        } catch (dev.linden.model.LdapException e) {
            return false;
        }
    }

    /** Whether an entry lies in the synchronized scope (the filter and access are the run's to check). */
    boolean inScope(Dn dn) {
        return switch (scope) {
            case BASE -> dn.equals(base);
            case ONE -> dn.size() == base.size() + 1 && dn.isWithin(base);
            case SUB -> dn.isWithin(base);
            case SUBORDINATES -> dn.size() > base.size() && dn.isWithin(base);
        };
    }

    /** The entry's entryUUID, or null when it has none (it cannot be synchronized then). */
    static UUID uuidOf(Entry entry, dev.linden.model.schema.Schema schema) {
        var a = entry.get(schema.attributeType("entryUUID"));
        if (a == null || a.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(a.values().get(0), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }
}
