package dev.linden.observability.security;

import dev.linden.core.OperationContext;
import dev.linden.core.RequestHandler;
import dev.linden.core.Response;
import dev.linden.core.ResponseSink;
import dev.linden.core.RunOnWorker;
import dev.linden.core.Session;
import dev.linden.model.schema.SecretAttributes;
import dev.linden.observability.security.SecurityEvent.Severity;
import dev.linden.protocol.LdapMessage;
import dev.linden.protocol.PartialAttribute;
import dev.linden.protocol.op.SearchRequest;
import dev.linden.protocol.op.SearchResultEntry;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The audit of secrets read: one {@code secret_read} security event per search that sent values of
 * secret attributes (password hashes, which only an access rule naming them shows): who, from where,
 * the base, the first entry and how many, and which attributes, never the values. A replica reading
 * every hash in the tree is one event per search, not one per entry. Installed (next to the
 * dispatcher) only when some rule may show a secret, so it costs nothing otherwise.
 */
public final class SecretReads implements RequestHandler {
    private final RequestHandler next;
    private final SecretAttributes secrets;
    private final Consumer<SecurityEvent> events;

    public SecretReads(RequestHandler next, SecretAttributes secrets, Consumer<SecurityEvent> events) {
        this.next = next;
        this.secrets = secrets;
        this.events = events;
    }

    @Override
    public Response dispatch(OperationContext ctx) {
        if (!(ctx.request().op() instanceof SearchRequest search)) {
            return next.dispatch(ctx);
        }
        Tally tally = new Tally(ctx.sink(), secrets);
        try {
            return next.dispatch(ctx.withSink(tally));
        } catch (RunOnWorker moved) {
            tally.entries = 0; // nothing reached the client: the run on a worker reports what it sends
            throw moved;
        } finally {
            if (tally.entries > 0) { // sent, even if the search then failed or was abandoned
                Session s = ctx.session();
                events.accept(SecurityEvent.of("secret_read", Severity.NOTICE)
                        .with("identity", s.boundDn().toString())
                        .with("client", s.clientAddress())
                        .with("conn", s.id())
                        .with("base", search.baseDn())
                        .with("dn", tally.firstDn)
                        .with("entries", (long) tally.entries)
                        .with("attributes", String.join(",", tally.attributes))
                        .build());
            }
        }
    }

    /** Passes every response on, noting the entries that carry secret values (the encoded ones never do). */
    private static final class Tally implements ResponseSink {
        private final ResponseSink downstream;
        private final SecretAttributes secrets;
        private final Set<String> attributes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        private int entries;
        private String firstDn;

        Tally(ResponseSink downstream, SecretAttributes secrets) {
            this.downstream = downstream;
            this.secrets = secrets;
        }

        @Override
        public void send(LdapMessage message) {
            if (message.op() instanceof SearchResultEntry e && e.attributes() != null) {
                boolean any = false;
                for (PartialAttribute a : e.attributes()) {
                    if (!a.values().isEmpty() && secrets.isSecret(a.type())) { // typesOnly shows no value
                        attributes.add(a.type());
                        any = true;
                    }
                }
                if (any && entries++ == 0) {
                    firstDn = e.dn();
                }
            }
            downstream.send(message);
        }

        @Override
        public void flush() {
            downstream.flush();
        }

        @Override
        public boolean onNetworkThread() {
            return downstream.onNetworkThread();
        }

        @Override
        public boolean idle(Wait wait) throws InterruptedException {
            return downstream.idle(wait);
        }
    }
}
