package dev.linden.backend;

import dev.linden.model.sync.Csn;
import java.util.List;

/**
 * One committed change as the changelog keeps it: enough for a consumer that was away to be brought
 * up to date with the changes alone (which entries changed or went, by entryUUID) and for a later
 * per-attribute merge to know what changed.
 *
 * @param seq this server's commit sequence number: the changelog's order, which is commit order
 * @param csn the change's CSN (issued here, or the originating server's for a replicated change)
 * @param kind what the change did
 * @param uuid the entry's entryUUID, 16 bytes
 * @param dn the entry's DN after the change (before it, for a delete)
 * @param previousDn the DN before a rename; null otherwise
 * @param attributes the names of the attribute types the change wrote (all of them for an add; none
 *     for a delete)
 */
public record ChangeRecord(
        long seq, Csn csn, ChangeKind kind, byte[] uuid, String dn, String previousDn, List<String> attributes) {
    public ChangeRecord {
        if (uuid.length != 16) {
            throw new IllegalArgumentException("an entryUUID has 16 bytes, not " + uuid.length);
        }
        attributes = List.copyOf(attributes);
    }
}
