package dev.linden.core.sasl;

import dev.linden.core.Directory;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Session;
import dev.linden.model.LdapException;
import dev.linden.protocol.Control;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.ProtocolOp;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The proxied authorization control (RFC 4370): the operation runs as the identity its value
 * names ({@code dn:<DN>}, {@code u:<uid>}, or empty for anonymous) instead of the bound one. Only
 * the administrator and the configured proxy users may use it; anyone else, or an identity that
 * does not exist, gets authorizationDenied (123). The control must be critical (section 3). Not
 * for bind requests.
 */
public final class ProxiedAuthorization {
    private final Identities identities;

    public ProxiedAuthorization(Directory directory) {
        this.identities = new Identities(directory);
    }

    /** Whether the control is meant for this operation. */
    public static boolean appliesTo(ProtocolOp op) {
        return !(op instanceof BindRequest);
    }

    /** The context the operation runs in: the request's own, or one acting as the proxied identity. */
    public OperationContext apply(OperationContext ctx, ProtocolOp op) throws LdapException {
        Control control = null;
        for (Control c : ctx.request().controls()) {
            if (c.oid().equals(Oids.PROXIED_AUTHORIZATION)) {
                if (control != null) {
                    throw new LdapException(ResultCode.PROTOCOL_ERROR, "proxied authorization control given twice");
                }
                control = c;
            }
        }
        if (control == null || !appliesTo(op)) {
            return ctx;
        }
        if (!control.critical()) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "the proxied authorization control must be critical");
        }
        Session session = ctx.session();
        Identity bound = new Identity(session.boundDn(), session.isAdministrator());
        if (!identities.mayProxy(bound)) {
            throw denied("not allowed to use proxied authorization");
        }
        String authzId = authzId(control.value());
        Identity target;
        try {
            target = identities.byAuthzId(authzId);
        } catch (LdapException e) {
            throw denied("proxied authorization identity '" + authzId + "' is not an authzId (dn:<DN> or u:<uid>)");
        }
        if (target == null) {
            throw denied("proxied authorization identity '" + authzId + "' does not exist");
        }
        if (target.administrator() && !bound.administrator()) {
            throw denied("only the administrator may act as the administrator");
        }
        return ctx.withSession(session.actingAs(target.dn(), target.administrator()));
    }

    /** The value is the authzId itself; some clients wrap it in an OCTET STRING, which is accepted too. */
    private static String authzId(byte[] value) throws LdapException {
        if (value == null) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "the proxied authorization control needs a value");
        }
        byte[] text = value;
        if (value.length >= 2 && value[0] == 0x04 && (value[1] & 0xff) == value.length - 2) {
            text = java.util.Arrays.copyOfRange(value, 2, value.length);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new LdapException(ResultCode.PROTOCOL_ERROR, "the proxied authorization identity is not UTF-8");
        }
    }

    private static LdapException denied(String message) {
        return new LdapException(ResultCode.AUTHORIZATION_DENIED, message);
    }
}
