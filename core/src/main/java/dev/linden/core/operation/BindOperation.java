package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.acl.Right;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.SecurityRules;
import dev.linden.core.Session;
import dev.linden.core.sasl.SaslAuthenticator;
import dev.linden.model.Attribute;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.BindResponse;
import java.nio.charset.StandardCharsets;

/**
 * Bind (RFC 4511 4.2, RFC 4513): anonymous, or simple with a DN and password checked against the
 * administrator's or the entry's userPassword. A DN with an empty password is an unauthenticated
 * bind and is refused. Every failure of the credentials gives the same invalidCredentials, so a
 * client cannot tell a missing entry from a wrong password.
 */
public final class BindOperation {
    private final Directory directory;
    private final AccessPolicy access;
    private final SaslAuthenticator sasl;

    public BindOperation(Directory directory, AccessPolicy access) {
        this.directory = directory;
        this.access = access;
        this.sasl = new SaslAuthenticator(directory);
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
            return success(); // anonymous
        }
        if (password.length == 0) {
            throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "unauthenticated bind (DN with no password) disallowed");
        }
        SecurityRules rules = directory.config().security();
        if (rules.tlsForBind() && !rules.isProtected(session)) {
            // refused before the password is looked at: a cleartext password on the wire is already exposed
            throw new LdapException(ResultCode.CONFIDENTIALITY_REQUIRED, "TLS is required for a simple bind (use StartTLS or LDAPS)");
        }
        Dn dn;
        try {
            dn = Requests.dn(request.name(), directory.schema());
        } catch (LdapException e) {
            throw new LdapException(ResultCode.INVALID_DN_SYNTAX, "invalid DN");
        }
        if (dn.equals(directory.config().rootDn())) {
            if (!directory.passwords().verify(password, directory.config().rootPassword().getBytes(StandardCharsets.UTF_8))) {
                throw invalidCredentials();
            }
            session.bind(dn, true);
            return success();
        }
        Entry entry = directory.backend().suffixOf(dn) == null ? null : directory.backend().get(dn);
        Attribute stored = entry == null ? null : entry.get("userPassword", directory.schema());
        // the rules must let the (still anonymous) client authenticate against the password
        if (stored == null || !access.acl().allows(access.context(session), entry, stored.description().type(), Right.AUTH)
                || !verifyAny(password, stored)) {
            throw invalidCredentials();
        }
        session.bind(entry.dn(), false);
        return success();
    }

    private boolean verifyAny(byte[] password, Attribute stored) {
        for (byte[] value : stored.values()) {
            if (directory.passwords().verify(password, value)) {
                return true;
            }
        }
        return false;
    }

    private static LdapException invalidCredentials() {
        return new LdapException(ResultCode.INVALID_CREDENTIALS, "");
    }

    private static Response success() {
        return new Response(new BindResponse(LdapResult.success(), null));
    }
}
