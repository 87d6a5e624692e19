package dev.linden.core.sasl;

import dev.linden.core.CoreConfig;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.model.LdapException;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SASL binds (RFC 4513 section 5.2.1, RFC 4422): the registry of mechanisms, and the exchange
 * between bind requests. A multi-step exchange waits in the session, answered with
 * saslBindInProgress (14) and the server's challenge; a bind naming another mechanism (or a simple
 * bind) abandons it. On success the connection takes the identity the client proved, or the one it
 * asked for with an authzId when allowed; a failure leaves it anonymous (the bind operation resets
 * the session first).
 */
public final class SaslAuthenticator {
    private final java.util.function.Function<OperationContext, PasswordGuard> guards;
    private final Map<String, SaslMechanism> mechanisms = new LinkedHashMap<>();
    private final Identities identities;

    /** Without throttling or password policy (unit tests of the mechanisms). */
    public SaslAuthenticator(Directory directory) {
        this(directory, ctx -> PasswordGuard.NONE);
    }

    /** @param guards the guard of the password checks of one bind: throttling and password policy */
    public SaslAuthenticator(Directory directory, java.util.function.Function<OperationContext, PasswordGuard> guards) {
        this.guards = guards;
        this.identities = new Identities(directory);
        CoreConfig config = directory.config();
        register(new ExternalMechanism(identities, config.sasl()));
        register(new PlainMechanism(identities, config.security()));
        register(new ScramSha256Mechanism(identities));
    }

    private void register(SaslMechanism mechanism) {
        mechanisms.put(mechanism.name(), mechanism);
    }

    /**
     * The mechanisms the root DSE lists: SCRAM-SHA-256 always; PLAIN when it can succeed (TLS available,
     * or not required for binds); EXTERNAL when TLS asks clients for certificates.
     */
    public static List<String> advertised(CoreConfig config) {
        List<String> names = new ArrayList<>(3);
        if (config.sasl().clientCertificates() && config.security().tlsAvailable()) {
            names.add(ExternalMechanism.NAME);
        }
        if (config.security().tlsAvailable()
                || !config.security().tlsForBind()
                || config.security().loopbackExempt()) {
            names.add(PlainMechanism.NAME);
        }
        names.add(ScramSha256Mechanism.NAME);
        return names;
    }

    public Response bind(OperationContext ctx, BindRequest request) throws LdapException {
        Session session = ctx.session();
        SaslExchange pending = session.takeSaslExchange();
        String name = request.saslMechanism().toUpperCase(Locale.ROOT);
        SaslMechanism mechanism = mechanisms.get(name);
        if (mechanism == null) {
            throw new LdapException(
                    ResultCode.AUTH_METHOD_NOT_SUPPORTED,
                    "SASL mechanism " + request.saslMechanism() + " not supported");
        }
        SaslExchange exchange =
                pending != null && pending.mechanism().equals(name) ? pending : mechanism.begin(session);
        PasswordGuard guard = guards.apply(ctx);
        SaslOutcome outcome = exchange.evaluate(request.saslCredentials(), guard); // an error ends the exchange
        return switch (outcome) {
            case SaslOutcome.Challenge c -> {
                session.saslExchange(exchange);
                yield new Response(new BindResponse(
                        new LdapResult(ResultCode.SASL_BIND_IN_PROGRESS, "", "", List.of()), c.challenge()));
            }
            case SaslOutcome.Authenticated a -> {
                if (name.equals(ExternalMechanism.NAME)) {
                    guard.certified(a.authenticated());
                }
                Identity who = identities.authorize(a.authenticated(), a.authzId());
                session.bind(who.dn(), who.administrator());
                yield new Response(new BindResponse(LdapResult.success(), a.serverData()));
            }
        };
    }
}
