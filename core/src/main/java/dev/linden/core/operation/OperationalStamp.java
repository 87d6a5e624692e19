package dev.linden.core.operation;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the operational attributes the server keeps (RFC 4512, RFC 4530): entryUUID and the
 * creation stamps on add; modifiersName, modifyTimestamp and entryCSN on every change.
 */
final class OperationalStamp {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CSN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private final Schema schema;
    private final AtomicLong csnCounter = new AtomicLong();

    OperationalStamp(Schema schema) {
        this.schema = schema;
    }

    void created(Entry entry, Dn by, Instant now, String structuralClass) {
        entry.put(schema.attributeType("entryUUID"), UUID.randomUUID().toString());
        entry.put(schema.attributeType("creatorsName"), by.toString());
        entry.put(schema.attributeType("createTimestamp"), TIME.format(now));
        entry.put(schema.attributeType("structuralObjectClass"), structuralClass);
        modified(entry, by, now);
    }

    void modified(Entry entry, Dn by, Instant now) {
        entry.put(schema.attributeType("modifiersName"), by.toString());
        entry.put(schema.attributeType("modifyTimestamp"), TIME.format(now));
        // the CSN format of OpenLDAP (time#count#sid#mod), so its tools and replication read it
        long count = csnCounter.getAndIncrement() & 0xFFFFFF;
        entry.put(schema.attributeType("entryCSN"), CSN_TIME.format(now) + String.format("#%06x#000#000000", count));
    }
}
