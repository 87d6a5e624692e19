package dev.linden.cli;

import dev.linden.core.Directory;
import dev.linden.model.Ava;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.server.config.ConfigException;
import java.util.Locale;

/** Creates the suffix entry of a new, empty store, so a server started from flags alone is usable at once. */
final class SuffixEntry {
    private SuffixEntry() {}

    static void ensure(Directory directory) throws ConfigException {
        try {
            create(directory);
        } catch (LdapException e) {
            throw new ConfigException("suffix: " + e.getMessage());
        }
    }

    private static void create(Directory directory) throws LdapException {
        Dn suffix = directory.backend().config().suffixes().get(0);
        if (directory.backend().get(suffix) != null) {
            return;
        }
        Schema schema = directory.schema();
        Ava ava = suffix.rdn().avas().get(0);
        Entry entry = new Entry(suffix);
        String type = schema.attributeType(ava.type()).name();
        String objectClass = switch (type.toLowerCase(Locale.ROOT)) {
            case "dc" -> "domain";
            case "o" -> "organization";
            case "ou" -> "organizationalUnit";
            case "c" -> "country";
            case "l" -> "locality";
            default ->
                throw new LdapException(
                        dev.linden.protocol.ResultCode.UNWILLING_TO_PERFORM,
                        "cannot create a suffix entry named by " + ava.type() + ": load it with 'linden import'");
        };
        entry.put(schema.attributeType("objectClass"), "top", objectClass);
        entry.put(schema.attributeType(type), ava.value());
        var importer = new dev.linden.core.operation.EntryImport(directory, true);
        var record = new dev.linden.model.ldif.LdifRecord(suffix.toString(), toAttributes(entry), 0);
        directory.backend().add(importer.entry(record, directory.config().rootDn()));
    }

    private static java.util.List<dev.linden.protocol.PartialAttribute> toAttributes(Entry entry) {
        return entry.attributes().stream()
                .map(a ->
                        new dev.linden.protocol.PartialAttribute(a.description().given(), a.values()))
                .toList();
    }
}
