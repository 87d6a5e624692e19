package dev.linden.core.operation;

import dev.linden.core.AccessPolicy;
import dev.linden.core.Directory;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Response;
import dev.linden.core.Session;
import dev.linden.core.acl.AccessContext;
import dev.linden.core.acl.Right;
import dev.linden.core.ppolicy.PasswordChange;
import dev.linden.core.ppolicy.PasswordPolicy;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.LdapException;
import dev.linden.protocol.LdapResult;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.ber.BerException;
import dev.linden.protocol.ber.BerReader;
import dev.linden.protocol.ber.BerTags;
import dev.linden.protocol.ber.BerWriter;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ExtendedResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * Extended operations: Who am I? (RFC 4532), Password Modify (RFC 3062) and Cancel (RFC 3909). StartTLS is answered by
 * the transport when TLS is configured; reaching here means it is not.
 */
public final class ExtendedOperation {
    private static final String GENERATED_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final Directory directory;
    private final AccessPolicy access;
    private final PasswordHashing hashing;
    private final OperationalStamp stamp;
    private final SecureRandom random = new SecureRandom();
    private final PasswordPolicy passwordPolicy;
    private final CancelOperation cancel = new CancelOperation();

    public ExtendedOperation(Directory directory, AccessPolicy access, PasswordPolicy passwordPolicy) {
        this.directory = directory;
        this.access = access;
        this.passwordPolicy = passwordPolicy;
        this.hashing =
                new PasswordHashing(directory.passwords(), directory.config().passwordScheme(), directory.schema());
        this.stamp = new OperationalStamp(directory.schema());
    }

    public Response execute(OperationContext ctx, ExtendedRequest request) throws LdapException {
        return switch (request.oid()) {
            case Oids.WHO_AM_I -> whoAmI(ctx.session(), request);
            case Oids.PASSWORD_MODIFY -> passwordModify(ctx, request);
            case Oids.CANCEL -> cancel.execute(ctx, request);
            case Oids.START_TLS -> throw new LdapException(ResultCode.UNAVAILABLE, "TLS not configured");
            default -> throw new LdapException(ResultCode.PROTOCOL_ERROR, "unsupported extended operation");
        };
    }

    private Response whoAmI(Session session, ExtendedRequest request) throws LdapException {
        if (request.value() != null) { // RFC 4532: the request has no value
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "no request data expected");
        }
        String authzId = session.isAnonymous() ? "" : "dn:" + session.boundDn();
        return new Response(new ExtendedResponse(LdapResult.success(), null, authzId.getBytes(StandardCharsets.UTF_8)));
    }

    /** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OPTIONAL, oldPasswd [1] OPTIONAL, newPasswd [2] OPTIONAL } */
    private Response passwordModify(OperationContext ctx, ExtendedRequest request) throws LdapException {
        Session session = ctx.session();
        String identity = null;
        byte[] oldPassword = null;
        byte[] newPassword = null;
        if (request.value() != null) {
            try {
                BerReader r = new BerReader(request.value()).readSequence(BerTags.SEQUENCE);
                if (r.peekTag() == 0x80) {
                    identity = r.readUtf8(0x80);
                }
                if (r.peekTag() == 0x81) {
                    oldPassword = r.readOctetString(0x81);
                }
                if (r.peekTag() == 0x82) {
                    newPassword = r.readOctetString(0x82);
                }
                r.expectEnd("the password modify request");
            } catch (BerException e) {
                throw new LdapException(ResultCode.PROTOCOL_ERROR, "password modify request value is not valid");
            }
        }
        if (session.isAnonymous()) { // slapd's code and text
            throw new LdapException(ResultCode.STRONGER_AUTH_REQUIRED, "only authenticated users may change passwords");
        }
        Dn target = session.boundDn();
        if (identity != null && !identity.isEmpty()) {
            String dnText = identity.regionMatches(true, 0, "dn:", 0, 3) ? identity.substring(3) : identity;
            target = Requests.dn(dnText, directory.schema());
        }
        if (target.equals(directory.config().rootDn())) {
            throw new LdapException(
                    ResultCode.UNWILLING_TO_PERFORM, "the administrator's password is set in the configuration");
        }
        AccessContext actx = access.context(session);
        dev.linden.model.Entry entry;
        try {
            entry = access.visible(actx, target);
        } catch (LdapException e) { // the identity is not an entry name: no matchedDN, as slapd
            throw new LdapException(ResultCode.NO_SUCH_OBJECT, "no such user");
        }
        access.require(actx, entry, userPasswordType(), Right.WRITE);
        String generated = null;
        if (newPassword == null || newPassword.length == 0) {
            generated = generate();
            newPassword = generated.getBytes(StandardCharsets.UTF_8);
        }
        PasswordChange policy = passwordPolicy.passwordModify(ctx, target, oldPassword, newPassword);
        try {
            modifyPassword(session, target, oldPassword, newPassword, policy);
        } catch (LdapException e) {
            if (e.code() == ResultCode.NO_SUCH_OBJECT) { // the identity is not an entry name: no matchedDN, as slapd
                throw new LdapException(ResultCode.NO_SUCH_OBJECT, "no such user");
            }
            throw e;
        }
        byte[] value = null;
        if (generated != null) {
            value = new BerWriter(32)
                    .begin(BerTags.SEQUENCE)
                    .string(0x80, generated)
                    .end()
                    .toByteArray();
        }
        policy.done(session);
        return new Response(new ExtendedResponse(LdapResult.success(), null, value), policy.responseControls());
    }

    private void modifyPassword(Session session, Dn target, byte[] old, byte[] newPassword, PasswordChange policy)
            throws LdapException {
        byte[] stored = hashing.hash(newPassword);
        byte[] scram = hashing.scram(newPassword);
        AttributeDescription userPassword =
                AttributeDescription.of(directory.schema().attributeType("userPassword"));
        directory.backend().modify(target, entry -> {
            Attribute current = entry.get(userPassword);
            if (old != null
                    && (current == null
                            || current.values().stream()
                                    .noneMatch(v -> directory.passwords().verify(old, v)))) {
                throw new LdapException(ResultCode.UNWILLING_TO_PERFORM, "unwilling to verify old password");
            }
            policy.before(entry, null); // allowUserChange, safeModify, minAge, quality, history
            entry.put(new Attribute(userPassword, List.of(stored)));
            hashing.putScram(entry, scram);
            policy.after(entry);
            stamp.modified(entry, session.boundDn(), directory.clock().instant());
            return entry;
        });
    }

    private dev.linden.model.schema.AttributeType userPasswordType() {
        return directory.schema().attributeType("userPassword");
    }

    private String generate() {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(GENERATED_CHARS.charAt(random.nextInt(GENERATED_CHARS.length())));
        }
        return sb.toString();
    }
}
