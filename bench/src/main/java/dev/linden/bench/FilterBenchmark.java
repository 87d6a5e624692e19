package dev.linden.bench;

import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.filter.FilterEvaluator;
import dev.linden.model.ldif.LdifException;
import dev.linden.model.ldif.LdifReader;
import dev.linden.model.ldif.LdifRecord;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.filter.Filter;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
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
 * Filter evaluation against one decoded entry, as a search does for every candidate the index
 * returns: {@code (&(objectClass=person)(uid=user.5))} on a matching and on a non-matching entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBenchmark {
    private FilterEvaluator evaluator;
    private Filter filter;
    private Entry matching;
    private Entry other;

    @Setup
    public void setUp() throws FilterSyntaxException, LdapException, LdifException {
        Schema schema = Schema.standard();
        evaluator = new FilterEvaluator(schema);
        filter = FilterText.parse("(&(objectClass=person)(uid=user.5))");
        matching = user(schema, 5);
        other = user(schema, 6);
    }

    private static Entry user(Schema schema, int n) throws LdapException, LdifException {
        LdifRecord record = LdifReader.parse("""
                dn: uid=user.%1$d,ou=people,dc=example,dc=com
                objectClass: top
                objectClass: person
                objectClass: organizationalPerson
                objectClass: inetOrgPerson
                uid: user.%1$d
                cn: Farah Abbott %1$d
                sn: Abbott
                givenName: Farah
                mail: user.%1$d@example.com
                employeeNumber: %1$d
                description: This is the description for user number %1$d.
                telephoneNumber: +1 555 000 000%1$d
                """.formatted(n)).get(0);
        Entry entry = new Entry(DnSyntax.parse(record.dn(), schema));
        for (PartialAttribute pa : record.attributes()) {
            entry.put(new Attribute(AttributeDescription.parse(pa.type(), schema), pa.values()));
        }
        return entry;
    }

    @Benchmark
    public boolean evaluateMatching() {
        return evaluator.matches(filter, matching);
    }

    @Benchmark
    public boolean evaluateNonMatching() {
        return evaluator.matches(filter, other);
    }
}
