package dev.linden.core.ppolicy;

import dev.linden.core.OperationContext;
import dev.linden.core.Session;
import dev.linden.model.Attribute;
import dev.linden.model.AttributeDescription;
import dev.linden.model.Dn;
import dev.linden.model.Entry;
import dev.linden.model.LdapException;
import dev.linden.model.password.PasswordSchemes;
import dev.linden.model.schema.AttributeType;
import dev.linden.protocol.Control;
import dev.linden.protocol.ModOp;
import dev.linden.protocol.Modification;
import dev.linden.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The password policy's part of one change of userPassword (a Modify, or Password Modify), used in
 * the order of the operation: {@link #before} inside the write transaction, on the stored entry,
 * checks the change (allowUserChange, safeModify, minAge, quality, history); {@link #after}, on the
 * changed entry, keeps the state (pwdChangedTime, pwdHistory, pwdReset, and clears failures, lock and
 * grace binds); {@link #done} lifts the session's must-change restriction.
 *
 * <p>Checks apply to users; the administrator may set any password (as OpenLDAP's password
 * administrator), which with pwdMustChange marks it pwdReset. pwdHistory keeps hashes only, as
 * {@code time#syntaxOID#length#value} like OpenLDAP. An administrator removing pwdAccountLockedTime
 * also clears pwdFailureTime, so the account starts over.
 */
public final class PasswordChange {
    private static final String OCTET_STRING_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.40";
    private final PasswordPolicy pp;
    private final OperationContext ctx;
    private final Dn target;
    private final boolean byAdministrator;
    private final boolean self;
    private final List<byte[]> newValues; // as the client sent them: cleartext, or hashed by the client
    private final List<byte[]> oldValues; // the current password as the client gave it
    private final int deleteIndex; // a modify's "delete userPassword: <old>", or -1
    private final boolean passwordTouched;
    private final boolean explicitReset;
    private Policy policy;
    private Attribute previous;
    private boolean wasLocked;

    private PasswordChange(
            PasswordPolicy pp,
            OperationContext ctx,
            Dn target,
            List<byte[]> newValues,
            List<byte[]> oldValues,
            int deleteIndex,
            boolean passwordTouched,
            boolean explicitReset) {
        this.pp = pp;
        this.ctx = ctx;
        this.target = target;
        this.byAdministrator = ctx.session().isAdministrator();
        this.self = target.equals(ctx.session().boundDn());
        this.newValues = newValues;
        this.oldValues = oldValues;
        this.deleteIndex = deleteIndex;
        this.passwordTouched = passwordTouched;
        this.explicitReset = explicitReset;
    }

    static PasswordChange forModify(PasswordPolicy pp, OperationContext ctx, Dn target, List<Modification> changes) {
        List<byte[]> added = new ArrayList<>();
        List<byte[]> deleted = new ArrayList<>();
        int deleteIndex = -1;
        boolean password = false;
        boolean lock = false;
        boolean reset = false;
        for (int i = 0; i < changes.size(); i++) {
            Modification m = changes.get(i);
            AttributeDescription d = AttributeDescription.tryParse(m.attribute().type(), pp.schema());
            if (d == null) {
                continue;
            }
            if (is(d.type(), pp.attributes.userPassword)) {
                password = true;
                if (m.op() == ModOp.ADD || m.op() == ModOp.REPLACE) {
                    added.addAll(m.attribute().values());
                } else if (m.op() == ModOp.DELETE && !m.attribute().values().isEmpty()) {
                    deleted.addAll(m.attribute().values());
                    deleteIndex = deleteIndex < 0 ? i : deleteIndex;
                }
            } else if (is(d.type(), pp.attributes.lockedTime)) {
                lock = true;
            } else if (is(d.type(), pp.attributes.reset) && (m.op() == ModOp.ADD || m.op() == ModOp.REPLACE)) {
                reset = true;
            }
        }
        if (!password && !lock) {
            return null;
        }
        return new PasswordChange(pp, ctx, target, added, deleted, deleteIndex, password, reset);
    }

    static PasswordChange forPasswordModify(
            PasswordPolicy pp, OperationContext ctx, Dn target, byte[] oldPassword, byte[] newPassword) {
        return new PasswordChange(
                pp,
                ctx,
                target,
                List.of(newPassword),
                oldPassword == null ? List.of() : List.of(oldPassword),
                -1,
                true,
                false);
    }

    static void adding(PasswordPolicy pp, OperationContext ctx, Entry entry) throws LdapException {
        Attribute password = entry.get(pp.attributes.userPassword);
        if (password == null) {
            return;
        }
        pp.passwordChanged(entry.dn()); // a new entry under an old name is a new account
        if (!ctx.session().isAdministrator()) {
            Policy policy = pp.policyFor(entry);
            if (password.size() > 1) {
                throw pp.error(
                        ctx, ResultCode.CONSTRAINT_VIOLATION, "password policy only allows one password value", null);
            }
            checkQuality(pp, ctx, policy, password.values().get(0));
        }
        entry.put(
                pp.attributes.changedTime,
                GeneralizedTime.seconds(pp.directory().clock().instant()));
    }

    /**
     * Checks the change against the stored entry, inside the write transaction. {@code changes} are
     * the modify's changes, index for index (null for Password Modify): a "delete userPassword" of
     * the right cleartext password becomes a delete of the stored hash.
     */
    public void before(Entry current, List<Attribute> changes) throws LdapException {
        policy = pp.policyFor(current);
        previous = current.get(pp.attributes.userPassword);
        wasLocked = current.has(pp.attributes.lockedTime);
        if (changes != null && deleteIndex >= 0 && previous != null) {
            byte[] stored = matching(oldValues, previous);
            if (stored != null) {
                changes.set(deleteIndex, changes.get(deleteIndex).withValues(List.of(stored)));
            }
        }
        if (newValues.isEmpty() || byAdministrator) {
            return; // a deletion, or a lock change; or the administrator, whom the policy does not hold
        }
        AccountState state = pp.attributes.read(current);
        Instant now = pp.directory().clock().instant();
        if (self && !policy.allowUserChange()) {
            throw pp.error(
                    ctx,
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "user alteration of password is not allowed",
                    PolicyError.PASSWORD_MOD_NOT_ALLOWED);
        }
        if (newValues.size() > 1) {
            throw pp.error(
                    ctx, ResultCode.CONSTRAINT_VIOLATION, "password policy only allows one password value", null);
        }
        if (policy.safeModify() && oldValues.isEmpty()) {
            throw pp.error(
                    ctx,
                    ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "must supply old password to be changed as well as new one",
                    PolicyError.MUST_SUPPLY_OLD_PASSWORD);
        }
        if (!oldValues.isEmpty() && matching(oldValues, previous) == null) {
            throw pp.error(
                    ctx,
                    ResultCode.UNWILLING_TO_PERFORM,
                    "must supply correct old password to change to new one",
                    PolicyError.MUST_SUPPLY_OLD_PASSWORD);
        }
        if (state.tooYoung(policy, now)) {
            throw pp.error(
                    ctx,
                    ResultCode.CONSTRAINT_VIOLATION,
                    "password is too young to change",
                    PolicyError.PASSWORD_TOO_YOUNG);
        }
        byte[] value = newValues.get(0);
        checkQuality(pp, ctx, policy, value);
        checkHistory(current, value);
    }

    /** Keeps the account's state after the change, on the entry about to be stored. */
    public void after(Entry entry) {
        StateAttributes a = pp.attributes;
        Attribute current = entry.get(a.userPassword);
        if (passwordTouched && !sameValues(previous, current)) {
            Instant now = pp.directory().clock().instant();
            if (current != null) {
                entry.put(a.changedTime, GeneralizedTime.seconds(now));
            } else {
                StateAttributes.remove(entry, a.changedTime);
            }
            if (previous != null && current != null && policy.inHistory() > 0) {
                addToHistory(entry, now);
            }
            StateAttributes.remove(entry, a.failureTime);
            StateAttributes.remove(entry, a.lockedTime);
            StateAttributes.remove(entry, a.graceUseTime);
            if (!explicitReset) {
                if (byAdministrator && !self && policy.mustChange() && current != null) {
                    entry.put(a.reset, "TRUE");
                } else {
                    StateAttributes.remove(entry, a.reset);
                }
            }
        }
        if (wasLocked && !entry.has(a.lockedTime)) {
            StateAttributes.remove(entry, a.failureTime); // unlocked: the failures that locked it are spent
        }
    }

    /**
     * After the change is stored: a user who changed their own password is no longer restricted, and
     * the addresses that bound with the old password are strangers again (the owner's next bind makes
     * theirs familiar again).
     */
    public void done(Session session) {
        if (passwordTouched) {
            pp.passwordChanged(target);
        }
        if (passwordTouched && !newValues.isEmpty() && target.equals(session.boundDn())) {
            session.passwordChanged();
        }
    }

    /** The password policy response control, when the client asked for it. */
    public List<Control> responseControls() {
        return pp.responseControls(ctx, PasswordPolicyControl.none());
    }

    private static void checkQuality(PasswordPolicy pp, OperationContext ctx, Policy policy, byte[] value)
            throws LdapException {
        if (policy.checkQuality() == 0) {
            return;
        }
        if (pp.directory().passwords().isHashed(value)) {
            if (policy.checkQuality() == 2) {
                throw pp.error(
                        ctx,
                        ResultCode.CONSTRAINT_VIOLATION,
                        "password quality cannot be checked: the value is already hashed",
                        PolicyError.INSUFFICIENT_PASSWORD_QUALITY);
            }
            return;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.codePointCount(0, text.length()) < policy.minLength()) {
            throw pp.error(
                    ctx,
                    ResultCode.CONSTRAINT_VIOLATION,
                    "password is too short: at least " + policy.minLength() + " characters",
                    PolicyError.PASSWORD_TOO_SHORT);
        }
    }

    private void checkHistory(Entry current, byte[] value) throws LdapException {
        if (policy.inHistory() == 0 || pp.directory().passwords().isHashed(value)) {
            return;
        }
        if (previous != null && matching(List.of(value), previous) != null) {
            throw pp.error(
                    ctx,
                    ResultCode.CONSTRAINT_VIOLATION,
                    "password is not being changed from existing value",
                    PolicyError.PASSWORD_IN_HISTORY);
        }
        List<String> history = history(current);
        PasswordSchemes schemes = pp.directory().passwords();
        for (int i = Math.max(0, history.size() - policy.inHistory()); i < history.size(); i++) {
            byte[] hash = historyHash(history.get(i));
            if (hash != null && schemes.verify(value, hash)) {
                throw pp.error(
                        ctx,
                        ResultCode.CONSTRAINT_VIOLATION,
                        "password is in history of old passwords",
                        PolicyError.PASSWORD_IN_HISTORY);
            }
        }
    }

    /** Appends the replaced password(s), hashed, to pwdHistory, keeping the newest inHistory values. */
    private void addToHistory(Entry entry, Instant now) {
        List<String> history = new ArrayList<>(history(entry));
        String time = GeneralizedTime.seconds(now);
        for (byte[] old : previous.values()) {
            String hash = new String(hashed(old), StandardCharsets.UTF_8);
            String value = time + "#" + OCTET_STRING_SYNTAX + "#" + hash.length() + "#" + hash;
            if (!history.contains(value)) {
                history.add(value);
            }
        }
        if (history.size() > policy.inHistory()) {
            history = new ArrayList<>(history.subList(history.size() - policy.inHistory(), history.size()));
        }
        entry.put(pp.attributes.history, history.toArray(String[]::new));
    }

    private byte[] hashed(byte[] stored) {
        PasswordSchemes schemes = pp.directory().passwords();
        if (schemes.isHashed(stored)) {
            return stored;
        }
        String scheme = pp.directory().config().passwordScheme();
        String hash = scheme.equalsIgnoreCase("CLEARTEXT") ? schemes.hash(stored) : schemes.hash(scheme, stored);
        return hash.getBytes(StandardCharsets.UTF_8);
    }

    /** pwdHistory values, oldest first (each starts with its fixed-width time). */
    private List<String> history(Entry entry) {
        List<String> values = new ArrayList<>(entry.strings(pp.attributes.history));
        values.sort(null);
        return values;
    }

    /** The hash of a {@code time#syntaxOID#length#value} history value, or null when malformed. */
    static byte[] historyHash(String value) {
        String[] parts = value.split("#", 4);
        if (parts.length != 4) {
            return null;
        }
        try {
            byte[] hash = parts[3].getBytes(StandardCharsets.UTF_8);
            return Integer.parseInt(parts[2]) == hash.length ? hash : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The stored value one of {@code candidates} verifies against, or null. */
    private byte[] matching(List<byte[]> candidates, Attribute stored) {
        if (stored == null) {
            return null;
        }
        for (byte[] candidate : candidates) {
            for (byte[] value : stored.values()) {
                if (pp.directory().passwords().verify(candidate, value)) {
                    return value;
                }
            }
        }
        return null;
    }

    private static boolean sameValues(Attribute a, Attribute b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.values().get(i), b.values().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean is(AttributeType type, AttributeType other) {
        return type.name().equals(other.name());
    }
}
