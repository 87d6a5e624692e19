package dev.linden.backend;

import dev.linden.model.Entry;
import dev.linden.model.sync.Csn;
import java.util.UUID;

/** One change received from a provider, to apply as it is (its CSN kept). */
public sealed interface ReplicaChange {
    /** The entry as the provider holds it now: added, or replacing the local one with the same entryUUID. */
    record Upsert(Entry entry) implements ReplicaChange {}

    /** The entry with this entryUUID is gone from the provider's content; {@code csn} when the provider said when. */
    record Delete(UUID uuid, Csn csn) implements ReplicaChange {}
}
