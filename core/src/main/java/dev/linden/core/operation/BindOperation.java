package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.RunOnWorker;
import dev.linden.core.SecurityRules;
import dev.linden.core.Session;
import dev.linden.core.acl.Right;
import dev.linden.core.ppolicy.BindCheck;
import dev.linden.core.ppolicy.PasswordPolicy;
import dev.linden.core.ppolicy.PasswordPolicyControl;
import dev.linden.core.sasl.Identity;
import dev.linden.core.sasl.PasswordGuard;
import dev.linden.core.sasl.SaslAuthenticator;
import dev.linden.core.throttle.BindThrottle;
import dev.linden.core.throttle.SecurityCounters.BindFailure;
import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bind (RFC 4511 4.2, RFC 4513): anonymous, or simple with a DN and password checked against the
 * administrator's or the entry's userPassword. A DN with an empty password is an unauthenticated
 * bind and is refused. Every failure of the credentials gives the same invalidCredentials, so a
 * client cannot tell a missing entry from a wrong password. Before the password is looked at, the
 * throttle may slow the bind down or refuse it; the password policy then refuses a locked account,
 * records failures, and answers expiry, grace binds and resets (with its control when asked).
 */
public final class BindOperation {
    private final Directory directory;
    private final AccessPolicy access;
    private final SaslAuthenticator sasl;
    private final PasswordPolicy passwordPolicy;
    private final BindThrottle throttle;
    /** A hash in the configured scheme, checked when the entry does not exist. */
    private final byte[] timingDecoy;

    public BindOperation(
            Directory directory, AccessPolicy access, PasswordPolicy passwordPolicy, BindThrottle throttle) {
        this.directory = directory;
        this.access = access;
        this.sasl = new SaslAuthenticator(directory, this::guard);
        this.passwordPolicy = passwordPolicy;
        this.throttle = throttle;
        String scheme = directory.config().passwordScheme();
        this.timingDecoy = (scheme.equalsIgnoreCase("CLEARTEXT")
                        ? "decoy"
                        : directory.passwords().hash(scheme, "linden-timing-decoy".getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    public Response execute(OperationContext ctx, BindRequest request) throws LdapException {
        Session session = ctx.session();
        session.reset(); // a bind, even a failing one, leaves the connection anonymous until it succeeds
        if (request.version() != 3) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "requested protocol version not supported");
        }
        if (!request.isSimple()) {
            return sasl.bind(ctx, request);
        }
        session.saslExchange(null); // a simple bind abandons a SASL exchange in progress
        byte[] password = request.simplePassword();
        if (request.name().isEmpty()) {
            if (password.length > 0) {
                throw new LdapException(ResultCode.INVALID_CREDENTIALS, "");
            }
            return success(List.of()); // anonymous
        }
        if (password.length == 0) {
            throw new LdapException(
                    ResultCode.UNWILLING_TO_PERFORM, "unauthenticated bind (DN with no password) disallowed");
        }
        SecurityRules rules = directory.config().security();
        if (rules.tlsForBind() && !rules.isProtected(session)) {
            // refused before the password is looked at: a cleartext password on the wire is already exposed
            throw new LdapException(
                    ResultCode.CONFIDENTIALITY_REQUIRED, "TLS is required for a simple bind (use StartTLS or LDAPS)");
        }
        Dn dn;
        try {
            dn = Requests.dn(request.name(), directory.schema());
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN");
        }
        String account = dn.normalized();
        boolean root = dn.equals(directory.config().rootDn());
        // on a network thread (a quick bind) nothing may wait or write: such a bind goes to a worker
        // (RunOnWorker) before it counts or records anything, the first time it would
        boolean here = ctx.sink().onNetworkThread();
        throttle.admit(session.clientAddress(), account, root, !here); // may wait, or refuse a guessing address
        if (root) { // outside the password policy (no lockout) and the account throttle
            byte[] rootPassword = directory.config().rootPassword().getBytes(StandardCharsets.UTF_8);
            if (here && directory.passwords().isSlow(rootPassword)) {
                throw RunOnWorker.INSTANCE;
            }
            if (!directory.passwords().verify(password, rootPassword)) {
                if (here) {
                    throw RunOnWorker.INSTANCE; // a failure is counted and logged by the worker's run
                }
                throttle.failed(session.clientAddress(), account, true);
                throw passwordPolicy.bindFailed(ctx, BindFailure.WRONG_PASSWORD);
            }
            throttle.succeeded(session.clientAddress(), account);
            session.bind(dn, true);
            return success(passwordPolicy.responseControls(ctx, PasswordPolicyControl.none()));
        }
        Entry entry = directory.backend().find(dn);
        if (entry == null && here) {
            throw RunOnWorker.INSTANCE;
        }
        if (entry == null) {
            // as long as a wrong password takes, so the time of the answer does not tell who exists
            directory.passwords().verify(password, timingDecoy);
            throttle.failed(session.clientAddress(), account, false);
            throw passwordPolicy.bindFailed(ctx, BindFailure.NO_SUCH_ENTRY);
        }
        Attribute stored = entry.get("userPassword", directory.schema());
        if (here && stored != null && slow(stored)) {
            throw RunOnWorker.INSTANCE;
        }
        BindCheck policy = checkPassword(
                ctx,
                entry,
                account,
                // the rules must let the (still anonymous) client authenticate against the password
                () -> stored != null
                        && access.acl()
                                .allows(
                                        access.context(session),
                                        entry,
                                        stored.description().type(),
                                        Right.AUTH)
                        && verifyAny(password, stored));
        List<Control> controls = policy.succeeded();
        session.bind(entry.dn(), false, policy.mustChange()); // bound and restricted in one step
        return success(controls);
    }

    /**
     * The password check of an entry, for every mechanism: the lockout first, then the check; a
     * failure is counted by the throttle and the policy. Returns the policy's view of the bind, whose
     * {@code succeeded()} the caller still owes (it may refuse an expired password).
     */
    private BindCheck checkPassword(OperationContext ctx, Entry entry, String account, PasswordGuard.Check check)
            throws LdapException {
        String address = ctx.session().clientAddress();
        BindCheck policy = passwordPolicy.bind(ctx, entry);
        try {
            policy.checkNotLocked();
        } catch (LdapException e) {
            throttle.failed(address, account, false);
            throw e;
        }
        boolean here = ctx.sink().onNetworkThread();
        if (!check.verify()) {
            if (here) {
                throw RunOnWorker.INSTANCE; // the failure is recorded (a write) by the worker's run
            }
            throttle.failed(address, account, false);
            throw policy.failed();
        }
        if (here && !policy.quietOnSuccess()) {
            throw RunOnWorker.INSTANCE; // clearing failures or using a grace bind is a write
        }
        throttle.succeeded(address, account);
        return policy;
    }

    /**
     * What a SASL password check goes through, as the simple bind's does: throttling by address and
     * account, the lockout, failure counting and the password policy's checks on success; and a
     * client certificate's proof (EXTERNAL) makes the address familiar for the account, as a password does.
     */
    private PasswordGuard guard(OperationContext ctx) {
        String address = ctx.session().clientAddress();
        return new PasswordGuard() {
            @Override
            public boolean verify(Identity identity, Check check) throws LdapException {
                String account = identity.dn().normalized();
                throttle.admit(address, account, identity.administrator());
                if (identity.administrator()) {
                    boolean ok = check.verify();
                    if (ok) {
                        throttle.succeeded(address, account);
                    } else {
                        throttle.failed(address, account, true);
                    }
                    return ok;
                }
                Entry entry = directory.backend().get(identity.dn());
                if (entry == null) {
                    throttle.failed(address, account, false);
                    return false;
                }
                checkPassword(ctx, entry, account, check).succeeded();
                return true;
            }

            @Override
            public void certified(Identity identity) {
                throttle.succeeded(address, identity.dn().normalized());
            }
        };
    }

    private boolean slow(Attribute stored) {
        for (byte[] value : stored.values()) {
            if (directory.passwords().isSlow(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean verifyAny(byte[] password, Attribute stored) {
        for (byte[] value : stored.values()) {
            if (directory.passwords().verify(password, value)) {
                return true;
            }
        }
        return false;
    }

    private static Response success(List<Control> controls) {
        return new Response(new BindResponse(LdapResult.success(), null), controls);
    }
}
