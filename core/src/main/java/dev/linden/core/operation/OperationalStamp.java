package dev.linden.core.operation;

import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.schema.Schema;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes the operational attributes the server keeps (RFC 4512, RFC 4530): entryUUID and the
 * creation stamps on add; modifiersName and modifyTimestamp on every change. The entryCSN is the
 * store's to write, inside the transaction that commits the change (see the backend's ChangeRecorder).
 */
final class OperationalStamp {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Schema schema;
    /** The last second formatted, and its text: an import or a burst of writes stamps thousands alike. */
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    private record Stamp(long second, String text) {}

    OperationalStamp(Schema schema) {
        this.schema = schema;
    }

    void created(Entry entry, Dn by, Instant now, String structuralClass) {
        entry.put(schema.attributeType("entryUUID"), UUID.randomUUID().toString());
        entry.put(schema.attributeType("creatorsName"), by.toString());
        entry.put(schema.attributeType("createTimestamp"), time(now));
        entry.put(schema.attributeType("structuralObjectClass"), structuralClass);
        modified(entry, by, now);
    }

    void modified(Entry entry, Dn by, Instant now) {
        entry.put(schema.attributeType("modifiersName"), by.toString());
        entry.put(schema.attributeType("modifyTimestamp"), time(now));
    }

    private String time(Instant now) {
        Stamp s = last;
        if (s.second() != now.getEpochSecond()) {
            s = new Stamp(now.getEpochSecond(), TIME.format(now));
            last = s;
        }
        return s.text();
    }
}
