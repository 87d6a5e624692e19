package dev.linden.bench;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.core.throttle.FamiliarAddresses;
import dev.linden.model.DnSyntax;
import dev.linden.model.schema.Schema;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.observability.BindOutcome;
import dev.linden.observability.DetectionSettings;
import dev.linden.observability.LogSettings;
import dev.linden.observability.OperationKind;
import dev.linden.observability.OperationRecord;
import dev.linden.observability.log.AccessLog;
import dev.linden.observability.log.LogStream;
import dev.linden.observability.security.Detector;
import dev.linden.observability.security.EnforcingHandler;
import dev.linden.protocol.DerefAliases;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.SearchScope;
import dev.linden.protocol.filter.FilterText;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultDone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observability adds to one SearchRate-like lookup ({@code (uid=user.N)} from the suffix, one
 * entry, an ordinary user), taken apart: the detection's look at the finished search, the
 * enforcement check while nobody is penalised, and the access log's line (formatted and queued).
 * A search itself costs tens of microseconds; these are meant to be tens of nanoseconds. And what
 * a successful bind adds: learning its address as familiar for the account, and the detector's
 * note of the login (an address logging users in is no sprayer). A bind checks a password (an
 * Argon2 hash takes milliseconds); these are meant to be well under a microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectionBenchmark {
    private Detector detector;
    private EnforcingHandler enforcement;
    private OperationRecord lookup;
    private OperationContext context;
    private LogStream stream;
    private AccessLog accessLog;
    private Path logDir;
    private FamiliarAddresses familiar;
    private OperationRecord login;
    private final String[] accounts = new String[1000];
    private final String[] addresses = new String[256];
    private int logins;

    @Setup
    public void setUp() throws Exception {
        Schema schema = Schema.standard();
        SecretAttributes secrets = schema.secrets();
        familiar = new FamiliarAddresses(30 * 86_400_000L, Clock.systemUTC());
        detector = new Detector(
                DetectionSettings.DEFAULT,
                schema,
                List.of(DnSyntax.parse("dc=example,dc=com", schema)),
                DnSyntax.parse("cn=admin,dc=example,dc=com", schema),
                secrets,
                familiar,
                e -> {},
                System::currentTimeMillis);
        Response done = new Response(new SearchResultDone(LdapResult.success()));
        RequestHandler next = ctx -> done;
        enforcement = new EnforcingHandler(next, detector, DetectionSettings.DEFAULT, schema);
        Session session = new Session(1, "127.0.0.1:40000");
        session.bind(DnSyntax.parse("uid=user.1,ou=people,dc=example,dc=com", schema), false);
        LdapMessage request = new LdapMessage(
                7,
                new SearchRequest(
                        "dc=example,dc=com",
                        SearchScope.SUB,
                        DerefAliases.NEVER,
                        0,
                        0,
                        false,
                        FilterText.parse("(uid=user.4711)"),
                        List.of()));
        lookup = new OperationRecord(
                session,
                request,
                OperationKind.SEARCH,
                done,
                1,
                30_000,
                session.boundDn(),
                null,
                DetectionSettings.Action.NONE);
        context = new OperationContext(session, request, m -> {}, new AtomicBoolean());
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = "uid=user." + i + ",ou=people,dc=example,dc=com";
        }
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = "10.0.0." + i + ":40000";
        }
        String user = accounts[1];
        login = new OperationRecord(
                session,
                new LdapMessage(8, BindRequest.simple(user, new byte[] {'x'})),
                OperationKind.BIND,
                new Response(new BindResponse(LdapResult.success(), null)),
                0,
                30_000,
                session.boundDn(),
                new BindOutcome("simple", user, true, null, false),
                DetectionSettings.Action.NONE);
        logDir = Files.createTempDirectory("linden-jmh-log");
        stream = LogStream.open("access", LogSettings.to(logDir.resolve("access.log"), LogSettings.Format.LINE));
        accessLog = new AccessLog(stream, secrets);
    }

    @TearDown
    public void tearDown() throws Exception {
        stream.close();
        try (var files = Files.list(logDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(logDir);
    }

    /** The detector's look at a finished lookup: a walk of its filter, nothing counted. */
    @Benchmark
    public void detectLookup() {
        detector.completed(lookup);
    }

    /** Enforcement while nobody is penalised: one volatile read, then the next handler. */
    @Benchmark
    public Response enforceIdle() {
        return enforcement.dispatch(context);
    }

    /** A successful bind makes its address familiar for the account (one of 1,000 accounts, from one of 256 addresses). */
    @Benchmark
    public void learnFamiliar() {
        int n = logins++;
        familiar.learn(accounts[n % accounts.length], addresses[n & 255]);
    }

    /** The detector's note of a successful bind: the login counted for its address. */
    @Benchmark
    public void detectLogin() {
        detector.completed(login);
    }

    /** The access log's line for the lookup, formatted and queued (dropped when the writer falls behind). */
    @Benchmark
    public void accessLogLine() {
        accessLog.completed(lookup);
    }
}
