package dev.linden.core.operation;

import dev.linden.core.Directory;
import dev.linden.core.schema.SchemaChecker;
import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.schema.ObjectClass;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.ResultCode;

/**
 * Turns LDIF records into entries for a bulk load: the same schema checks as Add (unless skipped
 * for a trusted load), passwords hashed unless already hashed, and operational attributes kept when
 * the LDIF has them (an export re-imports exactly) or stamped when it does not.
 */
public final class EntryImport {
    private final Directory directory;
    private final SchemaChecker checker;
    private final PasswordHashing hashing;
    private final OperationalStamp stamp;
    private final boolean checkSchema;

    public EntryImport(Directory directory, boolean checkSchema) {
        this.directory = directory;
        this.checker = new SchemaChecker(directory.schema());
        this.hashing =
                new PasswordHashing(directory.passwords(), directory.config().passwordScheme(), directory.schema());
        this.stamp = new OperationalStamp(directory.schema());
        this.checkSchema = checkSchema;
    }

    public Entry entry(LdifRecord record, Dn by) throws LdapException {
        var schema = directory.schema();
        Entry entry = new Entry(Requests.dn(record.dn(), schema));
        for (PartialAttribute pa : record.attributes()) {
            Attribute a = Requests.attribute(pa, schema);
            Attribute existing = entry.get(a.description());
            if (existing != null) {
                throw new LdapException(
                        ResultCode.ATTRIBUTE_OR_VALUE_EXISTS, a.description().given() + " appears twice");
            }
            entry.put(a);
        }
        hashing.hashEntry(entry); // and the SCRAM credentials of a cleartext password
        String structural;
        if (checkSchema) {
            ObjectClass oc = checker.check(entry);
            structural = oc.displayName();
        } else {
            structural = entry.firstString(schema.attributeType("structuralObjectClass"));
        }
        if (!entry.has(schema.attributeType("entryUUID"))) {
            stamp.created(entry, by, directory.clock().instant(), structural == null ? "top" : structural);
        }
        return entry;
    }
}
