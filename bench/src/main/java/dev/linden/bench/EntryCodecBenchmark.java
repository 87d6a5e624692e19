package dev.linden.bench;

import dev.linden.backend.EntryCodec;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.ldif.LdifException;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.PartialAttribute;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stored form of one user of {@code bench/pinned}'s directory (an inetOrgPerson with its
 * password hash and the operational attributes an import stamps): decoding it, as a search does for
 * every entry the decoded-entry cache does not hold (with and without the decoding's caches of parent
 * DNs and attribute descriptions), splitting it into sections, and encoding it, as
 * every add, modify and import does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryCodecBenchmark {
    private Schema schema;
    private Entry entry;
    private byte[] record;
    private java.util.function.Function<byte[], Entry> decoder;

    @Setup
    public void setUp() throws LdapException, LdifException {
        schema = Schema.standard();
        LdifRecord ldif = LdifReader.parse("""
                dn: uid=user.4711,ou=people,dc=example,dc=com
                objectClass: top
                objectClass: person
                objectClass: organizationalPerson
                objectClass: inetOrgPerson
                uid: user.4711
                cn: Farah Abbott 4711
                sn: Abbott
                givenName: Farah
                mail: user.4711@example.com
                employeeNumber: 4711
                description: This is the description for user number 4711.
                telephoneNumber: +1 555 000 4711
                userPassword: {SSHA}3XYZnbGxF2vH0bX8mN5y1uPqWf4Sb2ksdHpVJQ==
                structuralObjectClass: inetOrgPerson
                entryUUID: 0b6e8d4c-3f7a-4e21-9a55-6d2c1f0e9b37
                creatorsName: cn=admin,dc=example,dc=com
                createTimestamp: 20261206120000Z
                entryCSN: 20261206120000.000000Z#000000#000#000000
                modifiersName: cn=admin,dc=example,dc=com
                modifyTimestamp: 20261206120000Z
                """).get(0);
        entry = new Entry(DnSyntax.parse(ldif.dn(), schema));
        for (PartialAttribute pa : ldif.attributes()) {
            entry.put(new Attribute(AttributeDescription.parse(pa.type(), schema), pa.values()));
        }
        record = EntryCodec.encode(entry);
        decoder = EntryCodec.cachingDecoder(schema);
    }

    @Benchmark
    public Entry decode() {
        return EntryCodec.decode(record, schema);
    }

    /** As the entry cache decodes: the parent DN and the attribute descriptions found by their bytes. */
    @Benchmark
    public Entry decodeCaching() {
        return decoder.apply(record);
    }

    @Benchmark
    public EntryCodec.Stored split() {
        return EntryCodec.split(record);
    }

    @Benchmark
    public byte[] encode() {
        return EntryCodec.encode(entry);
    }
}
