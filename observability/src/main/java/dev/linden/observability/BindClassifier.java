package dev.linden.observability;

import dev.linden.backend.Backend;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells how a bind ended from its result code, and for an invalidCredentials answer to a simple
 * bind, why: the server answers every credential failure alike (so a client cannot probe for
 * accounts), but the logs and metrics should say whether the entry was missing, the password wrong,
 * or the account locked. That is read from the entry after the bind: no entry is "no such entry";
 * a {@code pwdAccountLockedTime} set by this very failure is a lockout (and a wrong password); one
 * set earlier is "locked" (see {@link LockoutSource}). Only failed binds pay for the look-up.
 */
public final class BindClassifier {
    private static final Set<String> KNOWN_MECHANISMS = Set.of(
            "EXTERNAL",
            "PLAIN",
            "SCRAM-SHA-256",
            "SCRAM-SHA-1",
            "GSSAPI",
            "DIGEST-MD5",
            "CRAM-MD5",
            "ANONYMOUS",
            "OAUTHBEARER");
    private static final int MAX_REMEMBERED = 10_000;

    private final Backend backend;
    private final Schema schema;
    private final Dn rootDn;
    private final LockoutSource lockouts;
    /** SCRAM exchanges in progress: the name from the client's first message, until the exchange ends */
    private final Map<Session, String> scramNames = new ConcurrentHashMap<>();

    public BindClassifier(Backend backend, Schema schema, Dn rootDn, LockoutSource lockouts) {
        this.backend = backend;
        this.schema = schema;
        this.rootDn = rootDn;
        this.lockouts = lockouts;
    }

    /** The outcome of a bind that was answered with {@code response} (null: no answer). */
    public BindOutcome outcome(Session session, BindRequest request, Response response, long startedMillis) {
        String method = method(request);
        LdapResult result = response != null && response.op() instanceof BindResponse b ? b.result() : null;
        ResultCode code = result == null ? ResultCode.OTHER : result.code();
        if (request.isSimple()) {
            Dn bound = session.boundDn();
            if (code == ResultCode.SUCCESS && bound != null && !method.equals("anonymous")) {
                // the DN the bind just parsed and bound to (a successful bind is the common case, and
                // parsing the name again cost 4% of a search-and-bind load's CPU)
                return new BindOutcome(method, bound.normalized(), true, null, false);
            }
            return simple(request, method, code, startedMillis);
        }
        String account = saslAccount(session, request);
        if (code == ResultCode.SASL_BIND_IN_PROGRESS) {
            return new BindOutcome(method, account, false, null, false);
        }
        scramNames.remove(session);
        if (code == ResultCode.SUCCESS) {
            return new BindOutcome(method, account, true, null, false);
        }
        BindFailure failure = switch (code) {
            case INVALID_CREDENTIALS -> BindFailure.WRONG_PASSWORD; // SASL: the name was not looked up here
            default -> common(code);
        };
        return new BindOutcome(method, account, false, failure, false);
    }

    private BindOutcome simple(BindRequest request, String method, ResultCode code, long startedMillis) {
        if (method.equals("anonymous")) {
            return new BindOutcome(
                    method, "", code == ResultCode.SUCCESS, code == ResultCode.SUCCESS ? null : common(code), false);
        }
        Dn dn = parse(request.name());
        String account = dn == null ? truncate(request.name()) : dn.normalized();
        if (code == ResultCode.SUCCESS) {
            return new BindOutcome(method, account, true, null, false);
        }
        if (code != ResultCode.INVALID_CREDENTIALS || dn == null) {
            return new BindOutcome(method, account, false, common(code), false);
        }
        if (dn.equals(rootDn)) {
            return new BindOutcome(method, account, false, BindFailure.WRONG_PASSWORD, false);
        }
        Entry entry = backend.find(dn);
        if (entry == null) {
            return new BindOutcome(method, account, false, BindFailure.NO_SUCH_ENTRY, false);
        }
        return switch (lockouts.after(account, entry, startedMillis)) {
            case NOT_LOCKED -> new BindOutcome(method, account, false, BindFailure.WRONG_PASSWORD, false);
            case LOCKED_NOW -> new BindOutcome(method, account, false, BindFailure.WRONG_PASSWORD, true);
            case LOCKED -> new BindOutcome(method, account, false, BindFailure.LOCKED, false);
        };
    }

    private static BindFailure common(ResultCode code) {
        return switch (code) {
            case CONFIDENTIALITY_REQUIRED -> BindFailure.CONFIDENTIALITY_REQUIRED;
            case UNWILLING_TO_PERFORM, BUSY -> BindFailure.REFUSED;
            default -> BindFailure.OTHER;
        };
    }

    private Dn parse(String name) {
        try {
            return DnSyntax.parse(name, schema);
        } catch (LdapException | RuntimeException e) {
            return null;
        }
    }

    static String method(BindRequest request) {
        if (request.isSimple()) {
            return request.name().isEmpty() && request.simplePassword().length == 0 ? "anonymous" : "simple";
        }
        String mech = request.saslMechanism().toUpperCase(Locale.ROOT);
        return KNOWN_MECHANISMS.contains(mech)
                ? "sasl_" + mech.toLowerCase(Locale.ROOT).replace('-', '_')
                : "sasl_other";
    }

    /** The name a SASL bind authenticates as, read from PLAIN's or SCRAM's first message; never the password. */
    private String saslAccount(Session session, BindRequest request) {
        byte[] creds = request.saslCredentials();
        String mech = request.saslMechanism().toUpperCase(Locale.ROOT);
        if (mech.equals("PLAIN") && creds != null) {
            int first = indexOf(creds, 0);
            int second = first < 0 ? -1 : indexOf(creds, first + 1);
            if (second > first) {
                return "sasl:" + truncate(new String(creds, first + 1, second - first - 1, StandardCharsets.UTF_8));
            }
            return "";
        }
        if (mech.startsWith("SCRAM-")) {
            String known = scramNames.get(session);
            if (known != null) {
                return known;
            }
            String name = scramName(creds);
            if (name != null) {
                if (scramNames.size() > MAX_REMEMBERED) {
                    scramNames.clear();
                }
                scramNames.put(session, "sasl:" + truncate(name));
                return "sasl:" + truncate(name);
            }
        }
        return "";
    }

    /** The username of a SCRAM client-first message: gs2-header "," "n=" saslname "," ... */
    static String scramName(byte[] creds) {
        if (creds == null) {
            return null;
        }
        String text = new String(creds, StandardCharsets.UTF_8);
        int first = text.indexOf(',');
        int second = first < 0 ? -1 : text.indexOf(',', first + 1);
        if (second < 0 || !text.startsWith("n=", second + 1)) {
            return null;
        }
        int end = text.indexOf(',', second + 3);
        String name = text.substring(second + 3, end < 0 ? text.length() : end);
        return name.replace("=2C", ",").replace("=3D", "=");
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String truncate(String s) {
        return s.length() <= 256 ? s : s.substring(0, 256);
    }
}
