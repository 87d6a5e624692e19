package dev.linden.core.ppolicy;

import dev.linden.core.Directory;
import dev.linden.core.Oids;
import dev.linden.core.OperationContext;
import dev.linden.core.Session;
import dev.linden.core.throttle.SecurityCounters;
import dev.linden.model.Dn;
import dev.linden.model.DnSyntax;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.schema.Schema;
import dev.linden.protocol.Control;
import dev.linden.protocol.Modification;
import dev.linden.protocol.ResultCode;
import dev.linden.protocol.op.AbandonRequest;
import dev.linden.protocol.op.BindRequest;
import dev.linden.protocol.op.ExtendedRequest;
import dev.linden.protocol.op.ModifyRequest;
import dev.linden.protocol.op.ProtocolOp;
import dev.linden.protocol.op.UnbindRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Password policy (draft-behera-ldap-password-policy), as the operations use it: which policy governs
 * an account (its {@code pwdPolicySubentry}, else the configured default), the checks and state
 * updates of a bind ({@link BindCheck}) and of a password change ({@link PasswordChange}), the
 * restriction of a session whose password an administrator reset, and the response control.
 *
 * <p>The administrator (the configured root DN) is outside the policy: no lockout, and no quality,
 * age or history checks on the passwords they set. State lives in the account's entry, so it
 * survives a restart and is shared by every connection.
 */
public final class PasswordPolicy {
    private final Directory directory;
    private final SecurityCounters counters;
    private final Consumer<String> passwordChanged;
    final StateAttributes attributes;

    public PasswordPolicy(Directory directory, SecurityCounters counters) {
        this(directory, counters, account -> {});
    }

    /**
     * @param passwordChanged told the account (a normalised DN) whose password was set, changed or
     *     removed, or that was added: what was learnt about the old password's holders is void
     */
    public PasswordPolicy(Directory directory, SecurityCounters counters, Consumer<String> passwordChanged) {
        this.directory = directory;
        this.counters = counters;
        this.passwordChanged = passwordChanged;
        this.attributes = new StateAttributes(directory.schema());
    }

    void passwordChanged(Dn account) {
        passwordChanged.accept(account.normalized());
    }

    Directory directory() {
        return directory;
    }

    SecurityCounters counters() {
        return counters;
    }

    Schema schema() {
        return directory.schema();
    }

    /** The policy that governs an account: the pwdPolicy entry its pwdPolicySubentry names, else the default. */
    public Policy policyFor(Entry account) {
        String named = account.firstString(attributes.policySubentry);
        if (named != null) {
            try {
                Dn dn = DnSyntax.parse(named, directory.schema());
                Entry entry = directory.backend().find(dn);
                if (entry != null && isPolicyEntry(entry)) {
                    return Policy.fromEntry(entry, directory.schema());
                }
            } catch (LdapException e) {
                // not a DN: the default policy applies, as when the named entry is missing (as OpenLDAP)
            }
        }
        return directory.config().passwordPolicy();
    }

    private boolean isPolicyEntry(Entry entry) {
        for (String oc : entry.strings(directory.schema().attributeType("objectClass"))) {
            if (oc.strip().toLowerCase(Locale.ROOT).equals("pwdpolicy")) {
                return true;
            }
        }
        return false;
    }

    /** Starts the policy's part of a simple bind to an existing entry. */
    public BindCheck bind(OperationContext ctx, Entry account) {
        return new BindCheck(
                this, ctx, account, policyFor(account), directory.clock().instant());
    }

    /**
     * A failed bind that the policy does not otherwise handle (no such entry, the administrator's
     * wrong password): counted, and answered invalidCredentials exactly as a wrong password is.
     */
    public LdapException bindFailed(OperationContext ctx, SecurityCounters.BindFailure reason) {
        counters.bindFailed(reason);
        return error(ctx, ResultCode.INVALID_CREDENTIALS, "", null);
    }

    /** The policy's part of a modify request; null when it changes neither userPassword nor a lock. */
    public PasswordChange modifying(OperationContext ctx, Dn target, List<Modification> changes) {
        return PasswordChange.forModify(this, ctx, target, changes);
    }

    /** The policy's part of a Password Modify extended operation (RFC 3062). */
    public PasswordChange passwordModify(OperationContext ctx, Dn target, byte[] oldPassword, byte[] newPassword) {
        return PasswordChange.forPasswordModify(this, ctx, target, oldPassword, newPassword);
    }

    /** For an add: quality checks when a user (not the administrator) sets the password, and pwdChangedTime. */
    public void adding(OperationContext ctx, Entry entry) throws LdapException {
        PasswordChange.adding(this, ctx, entry);
    }

    /**
     * Refuses everything but binding, unbinding, abandoning, StartTLS and changing one's own password
     * while the session must change its password (pwdReset with pwdMustChange): unwillingToPerform
     * with the changeAfterReset error.
     */
    public void checkRestriction(OperationContext ctx) throws LdapException {
        Session session = ctx.session();
        if (!session.passwordChangeRequired()) {
            return;
        }
        ProtocolOp op = ctx.request().op();
        boolean allowed = switch (op) {
            case BindRequest b -> true;
            case UnbindRequest u -> true;
            case AbandonRequest a -> true;
            case ExtendedRequest x ->
                x.oid().equals(Oids.PASSWORD_MODIFY) || x.oid().equals(Oids.START_TLS);
            case ModifyRequest m -> changesOwnPasswordOnly(session, m);
            default -> false;
        };
        if (!allowed) {
            throw error(
                    ctx,
                    ResultCode.UNWILLING_TO_PERFORM,
                    "the password was reset: change it before doing anything else",
                    PolicyError.CHANGE_AFTER_RESET);
        }
    }

    private boolean changesOwnPasswordOnly(Session session, ModifyRequest m) {
        try {
            if (!DnSyntax.parse(m.dn(), directory.schema()).equals(session.boundDn())) {
                return false;
            }
            for (Modification change : m.changes()) {
                var desc = dev.linden.model.AttributeDescription.parse(
                        change.attribute().type(), directory.schema());
                if (!desc.type().name().equals(attributes.userPassword.name())) {
                    return false;
                }
            }
            return true;
        } catch (LdapException e) {
            return false;
        }
    }

    /** The response controls for a request: the password policy control when the client asked for it. */
    public List<Control> responseControls(OperationContext ctx, PasswordPolicyControl control) {
        return PasswordPolicyControl.requested(ctx.request()) ? List.of(control.toControl()) : List.of();
    }

    /** An error whose response carries the password policy control with {@code error}, when asked for. */
    public LdapException error(OperationContext ctx, ResultCode code, String message, PolicyError error) {
        return new LdapException(
                code,
                message,
                "",
                responseControls(
                        ctx, error == null ? PasswordPolicyControl.none() : PasswordPolicyControl.error(error)));
    }
}
