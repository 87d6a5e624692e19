package dev.linden.bench;

import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapDecoder;
import dev.linden.protocol.LdapEncoder;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.filter.FilterSyntaxException;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * The codec on the search hot path: decoding the SearchRequest a client such as SearchRate sends,
 * and encoding a SearchResultEntry of ten attributes (a typical inetOrgPerson) from records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private byte[] searchRequestPdu;
    private LdapMessage searchResultEntry;

    @Setup
    public void setUp() throws FilterSyntaxException {
        SearchRequest request = new SearchRequest(
                "dc=example,dc=com",
                SearchScope.SUB,
                DerefAliases.NEVER,
                0,
                0,
                false,
                FilterText.parse("(uid=user.4711)"),
                List.of());
        searchRequestPdu = LdapEncoder.encode(new LdapMessage(4711, request));
        searchResultEntry = new LdapMessage(
                4711,
                new SearchResultEntry(
                        "uid=user.4711,ou=people,dc=example,dc=com",
                        List.of(
                                attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                                attribute("uid", "user.4711"),
                                attribute("cn", "Nora Fischer 4711"),
                                attribute("sn", "Fischer"),
                                attribute("givenName", "Nora"),
                                attribute("mail", "user.4711@example.com"),
                                attribute("employeeNumber", "4711"),
                                attribute("description", "This is the description for user number 4711."),
                                attribute("telephoneNumber", "+1 555 000 4711"),
                                attribute("entryUUID", "5f0c3e4e-4c1a-4a8e-9b1e-0d6c2f5e4711"))));
    }

    private static PartialAttribute attribute(String type, String... values) {
        return new PartialAttribute(
                type,
                List.of(values).stream()
                        .map(v -> v.getBytes(StandardCharsets.UTF_8))
                        .toList());
    }

    @Benchmark
    public LdapMessage decodeSearchRequest() throws BerException {
        return LdapDecoder.decode(searchRequestPdu);
    }

    @Benchmark
    public byte[] encodeSearchResultEntry() {
        return LdapEncoder.encode(searchResultEntry);
    }
}
