package dev.linden.backend;

import dev.linden.model.sync.CsnVector;

/**
 * The changelog as one transaction saw it, against a consumer's state.
 *
 * @param contextCsn the newest CSN committed per server ID
 * @param lastSeq the sequence number of the newest record (0: none)
 * @param covers whether the records tell everything the consumer has not seen (else it needs a full
 *     refresh: a present phase)
 * @param unseenAfter the sequence number after which the records the consumer has not seen start
 * @param known per server ID, a CSN up to which every change is held here (what a refresh's final
 *     cookie tells a consumer: see {@code Changelog.known})
 */
public record ChangelogState(CsnVector contextCsn, long lastSeq, boolean covers, long unseenAfter, CsnVector known) {}
